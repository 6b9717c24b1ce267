# Mistake: never checks the shapes, so y with a different number of rows than X is silently truncated.
import numpy as np


def fit_linear_regression(X, y, fit_intercept=True):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)[: len(X)]
    A = np.column_stack([np.ones(len(X)), X]) if fit_intercept else X
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    return (w[1:], float(w[0])) if fit_intercept else (w, 0.0)
