from collections import Counter
from itertools import pairwise


def _merge(symbols: list[str], left: str, right: str) -> list[str]:
    """Every occurrence of the pair, left to right, without overlaps ("a a a" -> "aa a")."""
    out = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == left and symbols[i + 1] == right:
            out.append(left + right)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_train(word_counts, vocab_size, min_frequency=2):
    """BPE merges learned from {word: count}, ties broken by the smallest (id(left), id(right))."""
    for word, count in word_counts.items():
        if not word or not isinstance(count, int) or count < 1:
            raise ValueError(f"every word must be non-empty with a positive integer count, got {word!r}: {count!r}")
    vocabulary = sorted({ch for word in word_counts for ch in word})
    token_id = {token: i for i, token in enumerate(vocabulary)}
    words = [(list(word), count) for word, count in word_counts.items()]
    merges = []
    while len(vocabulary) < vocab_size:
        pairs = Counter()
        for symbols, count in words:
            for pair in pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda pair: (-pairs[pair], token_id[pair[0]], token_id[pair[1]]))
        if pairs[best] < min_frequency:
            break
        merges.append(best)
        new_token = best[0] + best[1]
        if new_token not in token_id:  # one id per string, whatever the split that spelled it
            token_id[new_token] = len(vocabulary)
            vocabulary.append(new_token)
        words = [(_merge(symbols, *best), count) for symbols, count in words]
    return vocabulary, merges


def bpe_encode(word, merges):
    """The word's tokens after applying the merges by rank (the earliest-learned pair present goes first)."""
    rank = {}
    for i, pair in enumerate(merges):
        rank.setdefault(tuple(pair), i)
    symbols = list(word)
    while len(symbols) > 1:
        present = [rank[pair] for pair in pairwise(symbols) if pair in rank]
        if not present:
            break
        symbols = _merge(symbols, *merges[min(present)])
    return symbols
