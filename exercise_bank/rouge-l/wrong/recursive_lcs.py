# Mistake: a memoised recursive LCS: right on short texts, but a 1,200-word summary goes past the recursion limit.
import re
from functools import cache


def _tokens(text):
    return re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower())


def _lcs(a, b):
    @cache
    def go(i, j):
        if i == len(a) or j == len(b):
            return 0
        if a[i] == b[j]:
            return 1 + go(i + 1, j + 1)
        return max(go(i + 1, j), go(i, j + 1))

    return go(0, 0)


def rouge_l(candidate, references, beta=1.0):
    if not references or not beta > 0:
        raise ValueError("bad input")
    c = _tokens(candidate)
    best = None
    for reference in references:
        r = _tokens(reference)
        if not c or not r:
            score = {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0}
        else:
            lcs = _lcs(tuple(c), tuple(r))
            p, rec = lcs / len(c), lcs / len(r)
            d = rec + beta**2 * p
            score = {"precision": p, "recall": rec, "fmeasure": (1 + beta**2) * p * rec / d if d else 0.0}
        if best is None or score["fmeasure"] > best["fmeasure"]:
            best = score
    return best
