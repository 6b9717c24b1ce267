# Mistake: numpy.linalg.eigh returns eigenvalues in increasing order; taking the first k keeps the smallest.
import numpy as np


def pca(x, k):
    if not 1 <= k <= x.shape[1]:
        raise ValueError("bad k")
    centred = x - x.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(centred, rowvar=False))
    components = vectors[:, :k].T
    return centred @ components.T, components
