import numpy as np


def kmeans(X: np.ndarray, init_centroids: np.ndarray, max_iter: int = 100) -> tuple[np.ndarray, np.ndarray, int]:
    """Lloyd's algorithm from the given centroids.

    Returns (labels, centroids, n_iter): labels of shape (n,) with each point's nearest final
    centroid, the final centroids of shape (k, d), and the number of iterations run.
    """
    raise NotImplementedError
