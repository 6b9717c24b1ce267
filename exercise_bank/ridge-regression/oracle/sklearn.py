import numpy as np
from sklearn.linear_model import Ridge


def fit_ridge(X, y, alpha=1.0, fit_intercept=True):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if alpha < 0:  # Ridge raises its own InvalidParameterError; the statement names ValueError (its base class).
        raise ValueError(f"alpha must be >= 0, got {alpha}")
    # Ridge's objective is the statement's: ||y - Xw - b||^2 + alpha ||w||^2, intercept not penalised.
    model = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky").fit(X, y)
    return model.coef_, float(model.intercept_)
