import numpy as np
from scipy.special import expit, log_expit


def fit_logistic_gd(X, y, lr=0.1, n_iters=100):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if not np.all((y == 0) | (y == 1)) or lr <= 0 or n_iters < 0:
        raise ValueError("bad labels or settings")
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_iters):
        z = X @ w + b
        # SciPy's logistic sigmoid and its log, evaluated stably: the field's definitions of p and log p.
        losses.append(float(-np.mean(y * log_expit(z) + (1 - y) * log_expit(-z))))
        error = expit(z) - y
        w = w - lr * (X.T @ error) / len(y)
        b = b - lr * float(error.mean())
    return w, float(b), losses
