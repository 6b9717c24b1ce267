import numpy as np
from sklearn.neural_network import MLPClassifier


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Shuffles the images and the labels separately (a broken join): the network memorises noise."""
    rng = np.random.default_rng(0)
    X_shuffled = X_train[rng.permutation(len(X_train))]
    model = MLPClassifier(hidden_layer_sizes=(64,), max_iter=300, random_state=0)
    model.fit(X_shuffled / 16.0, y_train)
    return model.predict(X_test / 16.0)
