from collections import Counter

import numpy as np


def tfidf(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    """TF-IDF of tokenised documents: (sorted vocabulary, L2-normalised (n_docs, n_vocab) matrix)."""
    vocabulary = sorted({token for doc in docs for token in doc})
    column = {token: j for j, token in enumerate(vocabulary)}
    n_docs = len(docs)
    tf = np.zeros((n_docs, len(vocabulary)), dtype=np.float64)
    for i, doc in enumerate(docs):
        for token, count in Counter(doc).items():
            tf[i, column[token]] = count / len(doc)
    df = (tf > 0).sum(axis=0)
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    # An empty document has no tokens and stays a zero row instead of dividing by zero.
    return vocabulary, np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
