# Mistake: averages sentence-level BLEU scores instead of pooling the n-gram statistics over the corpus.
import math
from collections import Counter


def _ngrams(tokens):
    return Counter(tuple(tokens[i : i + n]) for n in range(1, 5) for i in range(len(tokens) - n + 1))


def _sentence_bleu(hypothesis, refs, smooth):
    tokens = hypothesis.split()
    ref_tokens = [ref.split() for ref in refs]
    c = len(tokens)
    r = min((len(t) for t in ref_tokens), key=lambda length: (abs(length - c), length))
    clip = Counter()
    for ref in ref_tokens:
        clip |= _ngrams(ref)
    correct, total = [0] * 4, [0] * 4
    for ngram, count in _ngrams(tokens).items():
        total[len(ngram) - 1] += count
        correct[len(ngram) - 1] += min(count, clip[ngram])
    if not any(correct):
        return 0.0
    brevity = 1.0 if c >= r else math.exp(1 - r / c)
    log_sum, zeros = 0.0, 0
    for n in range(4):
        if total[n] == 0:
            return 0.0
        if correct[n]:
            log_sum += math.log(correct[n] / total[n])
        elif smooth == "exp":
            zeros += 1
            log_sum += math.log(1 / (2**zeros * total[n]))
        else:
            return 0.0
    return 100 * brevity * math.exp(log_sum / 4)


def corpus_bleu(hypotheses, references, smooth="exp"):
    if len(hypotheses) != len(references) or not hypotheses:
        raise ValueError("bad corpus")
    return sum(_sentence_bleu(h, r, smooth) for h, r in zip(hypotheses, references)) / len(hypotheses)
