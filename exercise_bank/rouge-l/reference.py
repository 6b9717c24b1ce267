import re

# Lowercased ASCII letters/digits form words; every CJK ideograph is a token of its own; anything else separates.
TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence, by dynamic programming over one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _score(candidate: list[str], reference: list[str], beta: float) -> dict[str, float]:
    if not candidate or not reference:
        return {"precision": 0.0, "recall": 0.0, "fmeasure": 0.0}
    lcs = lcs_length(candidate, reference)
    precision, recall = lcs / len(candidate), lcs / len(reference)
    denominator = recall + beta**2 * precision
    f = (1 + beta**2) * precision * recall / denominator if denominator > 0 else 0.0
    return {"precision": precision, "recall": recall, "fmeasure": f}


def rouge_l(candidate: str, references: list[str], beta: float = 1.0) -> dict[str, float]:
    """ROUGE-L of a candidate summary against the best of one or more references (highest F, first on ties)."""
    if not references:
        raise ValueError("at least one reference is needed")
    if not beta > 0:
        raise ValueError(f"beta must be positive, got {beta!r}")
    tokens = tokenize(candidate)
    best = None
    for reference in references:
        score = _score(tokens, tokenize(reference), beta)
        if best is None or score["fmeasure"] > best["fmeasure"]:
            best = score
    return best
