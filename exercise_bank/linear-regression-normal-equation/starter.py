import numpy as np


def fit_linear_regression(X: np.ndarray, y: np.ndarray, fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    """Least-squares weights and intercept for y ~ X @ coef + intercept.

    Returns (coef, intercept): coef has shape (n_features,); intercept is a float (0.0 when
    fit_intercept is False). Raises ValueError when the shapes do not fit.
    """
    raise NotImplementedError
