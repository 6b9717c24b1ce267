import numpy as np
from sklearn.neighbors import KNeighborsClassifier


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """k-nearest neighbours on raw features: proline (hundreds) drowns out everything else."""
    model = KNeighborsClassifier(n_neighbors=5)
    model.fit(X_train, y_train)
    return model.predict(X_test)
