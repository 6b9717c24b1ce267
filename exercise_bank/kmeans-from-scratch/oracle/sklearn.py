import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import pairwise_distances_argmin


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=np.float64)
    centroids = np.array(init_centroids, dtype=np.float64)
    if X.ndim != 2 or centroids.ndim != 2 or centroids.shape[1] != X.shape[1] or len(centroids) == 0:
        raise ValueError("bad shapes")
    if len(X) < len(centroids) or max_iter < 1:
        raise ValueError("bad settings")
    k = len(centroids)
    # One scikit-learn Lloyd iteration at a time (tol=0: it stops when no centre moves). scikit-learn moves
    # an empty cluster's centre to a far point; the statement keeps it, so that one step is done here.
    for n_iter in range(1, max_iter + 1):
        labels = pairwise_distances_argmin(X, centroids)
        if len(np.unique(labels)) < k:
            updated = centroids.copy()
            for j in np.unique(labels):
                updated[j] = X[labels == j].mean(axis=0)
        else:
            model = KMeans(n_clusters=k, init=centroids, n_init=1, max_iter=1, tol=0.0, algorithm="lloyd").fit(X)
            updated = model.cluster_centers_
        # scikit-learn centres X internally, so its means carry a rounding error of about one ulp that an
        # exact comparison would read as a move.
        moved = not np.allclose(updated, centroids, rtol=1e-12, atol=1e-12)
        centroids = updated
        if not moved:
            break
    return pairwise_distances_argmin(X, centroids), centroids, n_iter
