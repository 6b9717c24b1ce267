import numpy as np


def fit_linear_regression(X: np.ndarray, y: np.ndarray, fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    """Least-squares weights and intercept for y ~ X @ coef + intercept."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1:
        raise ValueError("X must be 2-D and y 1-D")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} values")
    if X.shape[0] == 0:
        raise ValueError("at least one sample is needed")
    if fit_intercept:
        # Centring removes the intercept from the system: the slope is fitted on deviations from the means,
        # and the intercept makes the fitted plane pass through (mean of X, mean of y).
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc, yc = X - x_mean, y - y_mean
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
        Xc, yc = X, y
    # Solving the normal equations (X^T X) w = X^T y is better conditioned than inverting X^T X.
    coef = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
    intercept = float(y_mean - x_mean @ coef) if fit_intercept else 0.0
    return coef, intercept
