# Mistake: stops as soon as the assignments repeat and returns the number of updates, one less than the iterations run.
import numpy as np


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or C.shape[1] != X.shape[1] or len(X) < len(C) or max_iter < 1:
        raise ValueError("bad input")
    previous = None
    i = 0
    for i in range(max_iter):
        labels = np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1)
        if previous is not None and np.array_equal(labels, previous):
            break
        C = np.array([X[labels == k].mean(axis=0) if np.any(labels == k) else C[k] for k in range(len(C))])
        previous = labels
    return np.argmin(((X[:, None] - C[None]) ** 2).sum(axis=2), axis=1), C, i
