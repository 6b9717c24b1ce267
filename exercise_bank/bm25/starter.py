import numpy as np


def bm25_scores(
    corpus: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25
) -> np.ndarray:
    """Return the BM25 score of every document of `corpus` (tokenised) for the tokenised `query`: shape (len(corpus),).

    idf(t) = ln(N - n_t + 0.5) - ln(n_t + 0.5); a negative idf is replaced by epsilon * (mean idf over the vocabulary).
    """
    raise NotImplementedError
