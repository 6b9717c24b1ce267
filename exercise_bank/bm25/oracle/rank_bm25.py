import numpy as np
from rank_bm25 import BM25Okapi


def bm25_scores(corpus, query, k1=1.5, b=0.75, epsilon=0.25):
    # rank-bm25 divides by zero on an empty corpus or one of empty documents; the statement makes those ValueError.
    if not corpus or not any(corpus):
        raise ValueError("an empty corpus")
    return np.asarray(BM25Okapi(corpus, k1=k1, b=b, epsilon=epsilon).get_scores(query), dtype=np.float64)
