import numpy as np


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Train a small neural network on 8x8 digit images (64 pixels, values 0-16); return a digit 0-9 per test row."""
    raise NotImplementedError
