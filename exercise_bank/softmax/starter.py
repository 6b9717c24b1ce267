import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Return the softmax of x along axis, without overflow for large scores."""
    raise NotImplementedError
