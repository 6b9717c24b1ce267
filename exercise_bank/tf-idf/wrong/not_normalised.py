# Mistake: forgets to L2-normalise the rows.
import math

import numpy as np


def tfidf(docs):
    vocab = sorted({t for d in docs for t in d})
    m = np.zeros((len(docs), len(vocab)))
    for j, t in enumerate(vocab):
        df = sum(t in d for d in docs)
        idf = math.log((1 + len(docs)) / (1 + df)) + 1
        for i, d in enumerate(docs):
            if d:
                m[i, j] = d.count(t) / len(d) * idf
    return vocab, m
