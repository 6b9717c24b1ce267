import numpy as np


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Train a classifier on (X_train, y_train) and return one predicted class (0, 1 or 2) per row of X_test."""
    raise NotImplementedError
