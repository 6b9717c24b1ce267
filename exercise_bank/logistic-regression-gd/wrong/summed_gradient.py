# Mistake: uses the summed gradient instead of the mean, so every step is n times too long.
import numpy as np


def fit_logistic_gd(X, y, lr=0.1, n_iters=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if not np.all((y == 0) | (y == 1)) or lr <= 0 or n_iters < 0:
        raise ValueError("bad labels or settings")
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_iters):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0.0, z) - y * z)))
        error = 1.0 / (1.0 + np.exp(-z)) - y
        w = w - lr * X.T @ error
        b = b - lr * float(error.sum())
    return w, float(b), losses
