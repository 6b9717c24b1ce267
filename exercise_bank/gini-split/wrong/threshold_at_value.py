# Mistake: uses the data values themselves as thresholds instead of the midpoints between consecutive values.
import numpy as np


def gini(y):
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("empty")
    _, counts = np.unique(y, return_counts=True)
    return float(1.0 - np.sum((counts / y.size) ** 2))


def best_split(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("bad shapes")
    if len(y) < 2 or gini(y) == 0.0:
        return None
    best, n = None, len(y)
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            left = X[:, j] <= t
            score = (left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])) / n
            if best is None or score < best[2] - 1e-9:
                best = (j, float(t), float(score))
    return best
