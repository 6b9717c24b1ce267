import numpy as np


def gradient_descent(grad, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Take `steps` steps x <- x - lr * grad(x) from x0 and return the final point."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=np.float64)
    return x
