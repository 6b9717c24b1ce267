import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Return 1 / (1 + exp(-x)), element-wise."""
    raise NotImplementedError


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """Return the derivative of sigmoid at x, element-wise."""
    raise NotImplementedError


def relu(x: np.ndarray) -> np.ndarray:
    """Return max(0, x), element-wise."""
    raise NotImplementedError


def relu_grad(x: np.ndarray) -> np.ndarray:
    """Return 1.0 where x > 0 and 0.0 elsewhere (0 at x == 0)."""
    raise NotImplementedError
