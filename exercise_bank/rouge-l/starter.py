def rouge_l(candidate: str, references: list[str], beta: float = 1.0) -> dict[str, float]:
    """Return {"precision": p, "recall": r, "fmeasure": f} of the LCS between the candidate and the best reference.

    Tokens: lowercase, runs of ASCII letters and digits, and every Chinese character on its own.
    f = (1 + beta²)·p·r / (r + beta²·p); the best reference has the highest f (the first one on a tie).
    """
    raise NotImplementedError
