# Mistake: takes the mean of an empty cluster, which is nan, and the nan centroid spreads through the result.
import numpy as np


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or C.shape[1] != X.shape[1] or len(X) < len(C) or max_iter < 1:
        raise ValueError("bad input")
    n_iter = 0
    with np.errstate(all="ignore"):
        for n_iter in range(1, max_iter + 1):
            labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
            new = np.array([X[labels == k].mean(axis=0) for k in range(len(C))])
            if np.array_equal(new, C):
                break
            C = new
        return np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1), C, n_iter
