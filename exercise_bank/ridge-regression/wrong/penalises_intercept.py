# Mistake: appends a column of ones and penalises its weight too, which shrinks the intercept towards 0.
import numpy as np


def fit_ridge(X, y, alpha=1.0, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if not fit_intercept:
        return np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y), 0.0
    A = np.column_stack([np.ones(len(X)), X])
    w = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return w[1:], float(w[0])
