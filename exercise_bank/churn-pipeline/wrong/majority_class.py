# Mistake: always predicts the most common training label (stayed), which the shifted test set punishes.
import numpy as np


def fit_predict(X_train, y_train, X_test):
    values, counts = np.unique(y_train, return_counts=True)
    return np.full(len(X_test), values[np.argmax(counts)])
