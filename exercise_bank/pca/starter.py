import numpy as np


def pca(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (projected (n, k), components (k, d)): the data projected on its first k principal components."""
    raise NotImplementedError
