# Mistake: centres y but not X, so the slopes are fitted as if the line went through the origin of X.
import numpy as np


def fit_linear_regression(X, y, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    y_mean = y.mean() if fit_intercept else 0.0
    coef = np.linalg.solve(X.T @ X, X.T @ (y - y_mean))
    return coef, float(y_mean)
