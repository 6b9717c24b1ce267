# Mistake: adds a column of ones but returns its weight inside coef (n_features + 1 values) instead of separately.
import numpy as np


def fit_linear_regression(X, y, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if fit_intercept:
        X = np.column_stack([np.ones(len(X)), X])
    coef = np.linalg.solve(X.T @ X, X.T @ y)
    return coef, 0.0
