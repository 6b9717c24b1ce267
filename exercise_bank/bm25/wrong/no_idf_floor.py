# Mistake: keeps negative idf values, so a word in most documents lowers the score of the documents that contain it.
import math
from collections import Counter

import numpy as np


def bm25_scores(
    corpus: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25
) -> np.ndarray:
    """Okapi BM25 score of every document for the query, with rank-bm25's floored idf."""
    if not corpus:
        raise ValueError("the corpus is empty")
    n_docs = len(corpus)
    counts = [Counter(doc) for doc in corpus]
    lengths = np.array([len(doc) for doc in corpus], dtype=np.float64)
    avgdl = lengths.mean()
    if avgdl == 0:
        raise ValueError("every document is empty")
    df = Counter(word for doc in counts for word in doc)
    idf = {word: math.log(n_docs - n + 0.5) - math.log(n + 0.5) for word, n in df.items()}
    # A word in more than half of the documents has a negative idf; it is raised to a small positive share
    # of the average idf (taken before the flooring) so that matching a common word never lowers a score.
    norm = k1 * (1 - b + b * lengths / avgdl)
    scores = np.zeros(n_docs)
    for term in query:  # a repeated query term counts each time
        if term not in idf:
            continue
        tf = np.array([c[term] for c in counts], dtype=np.float64)
        scores += idf[term] * tf * (k1 + 1) / (tf + norm)
    return scores
