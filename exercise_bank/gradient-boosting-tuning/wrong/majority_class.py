# Mistake: always predicts "no failure", the majority class: 95 % accuracy and a macro F1 below 0.5.
import numpy as np


def fit_predict(X_train, y_train, X_test):
    return np.zeros(len(X_test), dtype=np.int64)
