import numpy as np


def fit_logistic_gd(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iters: int = 100
) -> tuple[np.ndarray, float, list[float]]:
    """Batch gradient descent on the mean log-loss, from w = 0, b = 0.

    Returns (w, b, losses): w of shape (n_features,), b a float, and losses, a list of n_iters floats
    where losses[t] is the mean log-loss at the parameters *before* step t.
    """
    raise NotImplementedError
