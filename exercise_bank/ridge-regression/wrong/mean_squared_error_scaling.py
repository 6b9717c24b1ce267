# Mistake: minimises the *mean* squared error plus alpha ||w||^2, i.e. uses n * alpha where the statement says alpha.
import numpy as np


def fit_ridge(X, y, alpha=1.0, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("bad shapes")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(X.shape[1]), 0.0)
    Xc, yc = X - x_mean, y - y_mean
    coef = np.linalg.solve(Xc.T @ Xc + len(X) * alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return coef, float(y_mean - x_mean @ coef)
