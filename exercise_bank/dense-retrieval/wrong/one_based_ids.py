# Mistake: numbers the documents from 1 (as a person would) instead of by their index in X_train: every answer is off by one, and index 128 does not exist.
import numpy as np


def fit_predict(X_train, y_train, X_test):
    import re

    def grams(text):
        text = re.sub(r"\s+", "", text.lower())
        return {text[i : i + 2] for i in range(len(text) - 1)}

    docs = [grams(d) for d in X_train]
    out = []
    for q in X_test:
        g = grams(q)
        scores = np.array([len(g & d) / (len(d) ** 0.5 + 1) for d in docs])
        out.append([int(i) + 1 for i in np.argsort(-scores, kind="stable")[:5]])
    return out
