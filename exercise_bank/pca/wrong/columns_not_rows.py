# Mistake: returns the components as columns (d, k) instead of rows (k, d).
import numpy as np


def pca(x, k):
    if not 1 <= k <= x.shape[1]:
        raise ValueError("bad k")
    centred = x - x.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(centred, rowvar=False))
    top = vectors[:, np.argsort(values)[::-1][:k]]
    return centred @ top, top
