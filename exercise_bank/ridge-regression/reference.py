import numpy as np


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float = 1.0, fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising ||y - X w - b||^2 + alpha * ||w||^2 (the intercept is not penalised)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if not np.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be >= 0, got {alpha}")
    if fit_intercept:
        # Centring takes the intercept out of the penalised problem; it is recovered from the means.
        x_mean, y_mean = X.mean(axis=0), y.mean()
        X, y = X - x_mean, y - y_mean
    gram = X.T @ X + alpha * np.eye(X.shape[1])
    coef = np.linalg.solve(gram, X.T @ y)
    intercept = float(y_mean - x_mean @ coef) if fit_intercept else 0.0
    return coef, intercept
