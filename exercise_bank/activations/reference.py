import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Return 1 / (1 + exp(-x)), element-wise."""
    x = np.asarray(x, dtype=np.float64)
    # exp of a non-positive number never overflows: use exp(-|x|) and the symmetry sigma(-x) = 1 - sigma(x).
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """Return the derivative of sigmoid at x, element-wise."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x: np.ndarray) -> np.ndarray:
    """Return max(0, x), element-wise."""
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def relu_grad(x: np.ndarray) -> np.ndarray:
    """Return 1.0 where x > 0 and 0.0 elsewhere (0 at x == 0)."""
    return (np.asarray(x) > 0).astype(np.float64)
