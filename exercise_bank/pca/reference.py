import numpy as np


def pca(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (projected (n, k), components (k, d)): the data projected on its first k principal components."""
    x = np.asarray(x, dtype=np.float64)
    d = x.shape[1]
    if not 1 <= k <= d:
        raise ValueError(f"k must be between 1 and {d}, got {k}")
    centred = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:k]
    return centred @ components.T, components
