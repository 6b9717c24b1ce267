def unigram_tokenize(text: str, pieces: dict[str, float]) -> tuple[list[str], float]:
    """The most probable segmentation of `text` into pieces (their scores are log-probabilities) and its score.

    A character with no one-character piece is an unknown node scoring min(scores) - 10; adjacent unknown
    nodes come back fused into one token. Ties: the path whose last piece starts earliest."""
    raise NotImplementedError


def unigram_log_likelihood(text: str, pieces: dict[str, float]) -> float:
    """log of the sum, over every segmentation of `text`, of exp(the sum of its node scores)."""
    raise NotImplementedError
