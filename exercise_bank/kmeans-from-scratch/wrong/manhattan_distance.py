# Mistake: assigns points by Manhattan (L1) distance; k-means minimises squared Euclidean distance.
import numpy as np


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or C.shape[1] != X.shape[1] or len(X) < len(C) or max_iter < 1:
        raise ValueError("bad input")
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        labels = np.argmin(np.abs(X[:, None] - C[None]).sum(axis=2), axis=1)
        new = np.array([X[labels == k].mean(axis=0) if np.any(labels == k) else C[k] for k in range(len(C))])
        moved = not np.array_equal(new, C)
        C = new
        if not moved:
            break
    return np.argmin(np.abs(X[:, None] - C[None]).sum(axis=2), axis=1), C, n_iter
