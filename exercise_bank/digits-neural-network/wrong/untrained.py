import numpy as np
from sklearn.neural_network import MLPClassifier


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Stops after a single pass with a tiny learning rate: the network has barely moved from random weights."""
    model = MLPClassifier(hidden_layer_sizes=(64,), learning_rate_init=1e-5, max_iter=1, random_state=0)
    model.fit(X_train / 16.0, y_train)
    return model.predict(X_test / 16.0)
