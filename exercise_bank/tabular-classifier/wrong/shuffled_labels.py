import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Shuffles the labels independently of the rows (a broken join): the model learns noise."""
    rng = np.random.default_rng(0)
    y_shuffled = rng.permutation(y_train)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    model.fit(X_train, y_shuffled)
    return model.predict(X_test)
