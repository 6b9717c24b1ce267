import numpy as np


def tfidf(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """Return (sorted vocabulary, matrix of shape (len(docs), len(vocabulary))).

    tf = count / len(doc); idf = ln((1 + N) / (1 + df)) + 1; rows L2-normalised (zero rows stay zero).
    """
    raise NotImplementedError
