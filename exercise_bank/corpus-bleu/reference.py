import math
from collections import Counter

MAX_ORDER = 4
SMOOTHING = ("exp", "none")


def _ngrams(tokens: list[str]) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for n in range(1, MAX_ORDER + 1) for i in range(len(tokens) - n + 1))


def _closest_length(length: int, ref_lengths: list[int]) -> int:
    # The reference length nearest the hypothesis; on a tie, the shorter one.
    return min(ref_lengths, key=lambda r: (abs(r - length), r))


def corpus_bleu(hypotheses: list[str], references: list[list[str]], smooth: str = "exp") -> float:
    """BLEU (0-100) of whitespace-tokenised hypotheses against one or more references each, pooled over the corpus."""
    if smooth not in SMOOTHING:
        raise ValueError(f"smooth must be one of {SMOOTHING}, got {smooth!r}")
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} lists of references")
    if not hypotheses:
        raise ValueError("the corpus is empty")
    correct = [0] * MAX_ORDER
    total = [0] * MAX_ORDER
    hyp_length = ref_length = 0
    for hypothesis, refs in zip(hypotheses, references):
        if not refs:
            raise ValueError("every hypothesis needs at least one reference")
        tokens = hypothesis.split()
        ref_tokens = [ref.split() for ref in refs]
        hyp_length += len(tokens)
        ref_length += _closest_length(len(tokens), [len(r) for r in ref_tokens])
        # Clip each n-gram's count by the most times any single reference uses it.
        clip: Counter = Counter()
        for ref in ref_tokens:
            clip |= _ngrams(ref)
        for ngram, count in _ngrams(tokens).items():
            total[len(ngram) - 1] += count
            correct[len(ngram) - 1] += min(count, clip[ngram])

    if hyp_length >= ref_length:
        brevity = 1.0
    else:
        brevity = math.exp(1 - ref_length / hyp_length) if hyp_length > 0 else 0.0
    if not any(correct):
        return 0.0
    log_sum = 0.0
    zero_orders = 0
    for n in range(MAX_ORDER):
        if total[n] == 0:
            return 0.0  # no n-grams of this order anywhere: the geometric mean is 0
        if correct[n] > 0:
            log_sum += math.log(correct[n] / total[n])
        elif smooth == "exp":
            zero_orders += 1
            log_sum += math.log(1.0 / (2**zero_orders * total[n]))
        else:
            return 0.0
    return 100.0 * brevity * math.exp(log_sum / MAX_ORDER)
