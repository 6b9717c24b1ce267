import math

from tokenizers import Tokenizer, models

UNK = "\x00unk\x00"  # a piece no text contains


def unigram_tokenize(text, pieces):
    scores = {piece: float(score) for piece, score in pieces.items() if piece}
    if not scores:
        raise ValueError("no pieces")
    # The unknown piece takes the minimum score, so tokenizers' min_score - 10 is the statement's unknown score.
    vocab = [(UNK, min(scores.values())), *scores.items()]
    if not text:
        return [], 0.0
    encoding = Tokenizer(models.Unigram(vocab, unk_id=0)).encode(text)
    unk_score = min(scores.values()) - 10.0
    # tokenizers does not return the path's score: add it up from the pieces (an unknown token per character).
    total = 0.0
    for token, token_id in zip(encoding.tokens, encoding.ids):
        total += unk_score * len(token) if token_id == 0 else scores[token]
    return list(encoding.tokens), total


def unigram_log_likelihood(text, pieces):
    # tokenizers only decodes the best path; the sum over all paths is the forward algorithm, written out.
    scores = {piece: float(score) for piece, score in pieces.items() if piece}
    if not scores:
        raise ValueError("no pieces")
    unk_score = min(scores.values()) - 10.0
    forward = [0.0] + [-math.inf] * len(text)
    for start in range(len(text)):
        options = [
            (end, scores[text[start:end]]) for end in range(start + 1, len(text) + 1) if text[start:end] in scores
        ]
        if text[start] not in scores:
            options.append((start + 1, unk_score))
        for end, score in options:
            a, b = forward[end], forward[start] + score
            high = max(a, b)
            forward[end] = b if a == -math.inf else high + math.log1p(math.exp(min(a, b) - high))
    return forward[-1]
