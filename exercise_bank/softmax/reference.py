import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Return the softmax of x along axis, without overflow for large scores."""
    x = np.asarray(x, dtype=np.float64)
    shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)
