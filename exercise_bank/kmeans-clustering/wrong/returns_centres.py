import numpy as np


def fit_predict(X_train: np.ndarray, y_train: None, X_test: np.ndarray) -> np.ndarray:
    """Returns cluster *centres* (k x features) instead of one cluster id per test row: rejected by the shape check."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X_train)
    kmeans = KMeans(n_clusters=4, n_init=10, random_state=0).fit(scaler.transform(X_train))
    return kmeans.cluster_centers_
