# Mistake: ignores fit_intercept and always forces the line through the origin.
import numpy as np


def fit_linear_regression(X, y, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    coef = np.linalg.solve(X.T @ X, X.T @ y)
    return coef, 0.0
