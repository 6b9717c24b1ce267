import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(-|z|) never overflows; the two branches are the same function written for each sign.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def fit_logistic_gd(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, n_iters: int = 100
) -> tuple[np.ndarray, float, list[float]]:
    """Batch gradient descent on the mean log-loss, from w = 0, b = 0.

    Returns (w, b, losses): losses[t] is the mean log-loss at the parameters *before* step t.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    if lr <= 0 or n_iters < 0:
        raise ValueError("lr must be > 0 and n_iters >= 0")
    n = X.shape[0]
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(n_iters):
        z = X @ w + b
        # log(1 + e^z) - y z is the log-loss written without log(p): it stays finite for any z.
        losses.append(float(np.mean(np.logaddexp(0.0, z) - y * z)))
        error = _sigmoid(z) - y
        w = w - lr * (X.T @ error) / n
        b = b - lr * float(error.mean())
    return w, float(b), losses
