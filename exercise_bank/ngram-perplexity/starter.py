def ngram_prob(
    train: list[list[str]],
    n: int,
    context: list[str],
    word: str,
    smoothing: str = "add-k",
    k: float = 1.0,
    discount: float = 0.75,
    min_count: int = 1,
) -> float:
    """P(word | context) under the n-gram model trained on `train`; context holds the n-1 previous tokens.

    smoothing: "add-k" (k > 0) or "kneser-ney" (interpolated, 0 < discount <= 1, n >= 2).
    """
    raise NotImplementedError


def perplexity(
    train: list[list[str]],
    test: list[list[str]],
    n: int,
    smoothing: str = "add-k",
    k: float = 1.0,
    discount: float = 0.75,
    min_count: int = 1,
) -> float:
    """exp(-(1/N) * sum of ln P over the N predicted tokens of `test`, each sentence's </s> included)."""
    raise NotImplementedError
