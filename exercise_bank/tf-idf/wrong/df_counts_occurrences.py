# Mistake: document frequency counts every occurrence in the collection, not the documents containing the word.
import math

import numpy as np


def tfidf(docs):
    vocab = sorted({t for d in docs for t in d})
    m = np.zeros((len(docs), len(vocab)))
    for j, t in enumerate(vocab):
        df = sum(d.count(t) for d in docs)
        idf = math.log((1 + len(docs)) / (1 + df)) + 1
        for i, d in enumerate(docs):
            if d:
                m[i, j] = d.count(t) / len(d) * idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return vocab, m / norms
