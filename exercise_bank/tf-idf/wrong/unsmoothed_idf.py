# Mistake: uses the textbook idf = ln(N / df) instead of the smoothed ln((1 + N) / (1 + df)) + 1,
# so a word in every document gets weight 0.
import numpy as np


def tfidf(docs):
    vocab = sorted({t for d in docs for t in d})
    m = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for t in d:
            m[i, vocab.index(t)] += 1 / len(d)
    df = (m > 0).sum(axis=0)
    m = m * np.log(len(docs) / np.maximum(df, 1))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return vocab, np.where(norms > 0, m / np.where(norms > 0, norms, 1), 0.0)
