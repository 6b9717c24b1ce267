# Mistake: has no bias term, so the decision boundary must pass through the origin.
import numpy as np


def fit_logistic_gd(X, y, lr=0.1, n_iters=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if not np.all((y == 0) | (y == 1)) or lr <= 0 or n_iters < 0:
        raise ValueError("bad labels or settings")
    w, losses = np.zeros(X.shape[1]), []
    for _ in range(n_iters):
        z = X @ w
        losses.append(float(np.mean(np.logaddexp(0.0, z) - y * z)))
        w = w - lr * X.T @ (1.0 / (1.0 + np.exp(-z)) - y) / len(y)
    return w, 0.0, losses
