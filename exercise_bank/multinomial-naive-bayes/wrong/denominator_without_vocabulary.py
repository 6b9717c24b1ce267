# Mistake: adds alpha to each word count but only alpha (not alpha * n_features) to the class total, so the word probabilities do not sum to 1.
import numpy as np


def fit_multinomial_nb(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or np.any(X < 0) or not alpha > 0:
        raise ValueError("bad input")
    classes = np.unique(y)
    counts = np.array([X[y == c].sum(axis=0) for c in classes])
    prior = np.array([np.mean(y == c) for c in classes])
    flp = np.log(counts + alpha) - np.log(counts.sum(axis=1, keepdims=True) + alpha)
    return {"classes": classes, "class_log_prior": np.log(prior), "feature_log_prob": flp}


def predict_multinomial_nb(X_train, y_train, X_test, alpha=1.0):
    m = fit_multinomial_nb(X_train, y_train, alpha)
    X_test = np.asarray(X_test, dtype=float)
    if X_test.ndim != 2 or X_test.shape[1] != m["feature_log_prob"].shape[1] or np.any(X_test < 0):
        raise ValueError("bad input")
    joint = X_test @ m["feature_log_prob"].T + m["class_log_prior"]
    top = joint.max(axis=1, keepdims=True)
    return m["classes"][np.argmax(joint, axis=1)], joint - (
        top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
    )
