# Mistake: computes the loss as -mean(y log p + (1 - y) log(1 - p)) literally: p rounds to 0 or 1 for large scores and the loss becomes inf or nan.
import numpy as np


def fit_logistic_gd(X, y, lr=0.1, n_iters=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if not np.all((y == 0) | (y == 1)) or lr <= 0 or n_iters < 0:
        raise ValueError("bad labels or settings")
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    with np.errstate(all="ignore"):
        for _ in range(n_iters):
            p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
            losses.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
            w = w - lr * X.T @ (p - y) / len(y)
            b = b - lr * float(np.mean(p - y))
    return w, float(b), losses
