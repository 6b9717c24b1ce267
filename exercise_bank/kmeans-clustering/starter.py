import numpy as np


def fit_predict(X_train: np.ndarray, y_train: None, X_test: np.ndarray) -> np.ndarray:
    """Fit k-means (4 clusters) on X_train and return the cluster id of every row of X_test."""
    raise NotImplementedError
