import numpy as np


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float = 1.0, fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    """Weights and intercept minimising ||y - X w - b||^2 + alpha * ||w||^2 (the intercept is not penalised).

    Returns (coef, intercept): coef of shape (n_features,), intercept a float (0.0 when fit_intercept
    is False). Raises ValueError for a negative alpha or shapes that do not fit.
    """
    raise NotImplementedError
