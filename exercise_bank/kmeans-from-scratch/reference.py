import numpy as np


def _assign(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    # Squared distances of every point to every centroid; argmin keeps the lowest index on a tie.
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(distances, axis=1)


def kmeans(X: np.ndarray, init_centroids: np.ndarray, max_iter: int = 100) -> tuple[np.ndarray, np.ndarray, int]:
    """Lloyd's algorithm from the given centroids: (labels, centroids, n_iter)."""
    X = np.asarray(X, dtype=np.float64)
    centroids = np.array(init_centroids, dtype=np.float64)
    if X.ndim != 2 or centroids.ndim != 2 or centroids.shape[1] != X.shape[1] or len(centroids) == 0:
        raise ValueError("X must be (n, d) and init_centroids (k, d) with k >= 1")
    if len(X) < len(centroids):
        raise ValueError("need at least as many points as clusters")
    if max_iter < 1:
        raise ValueError("max_iter must be >= 1")
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        labels = _assign(X, centroids)
        updated = centroids.copy()  # an empty cluster keeps its centroid
        for k in range(len(centroids)):
            members = X[labels == k]
            if len(members):
                updated[k] = members.mean(axis=0)
        moved = not np.array_equal(updated, centroids)
        centroids = updated
        if not moved:
            break
    return _assign(X, centroids), centroids, n_iter
