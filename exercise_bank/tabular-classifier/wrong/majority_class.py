import numpy as np


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Always predicts the most common training class: about 0.40 accuracy."""
    values, counts = np.unique(y_train, return_counts=True)
    return np.full(len(X_test), values[np.argmax(counts)])
