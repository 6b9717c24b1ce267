import numpy as np
from sklearn.linear_model import LinearRegression


def fit_linear_regression(X, y, fit_intercept=True):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    # scikit-learn would reshape or broadcast some of these; the statement asks for a ValueError.
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D, y 1-D, with the same number of rows")
    model = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    return model.coef_, float(model.intercept_)
