# Mistake: multiplies probabilities instead of adding logs: a long document's product underflows to 0 for every class.
import numpy as np


def fit_multinomial_nb(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or np.any(X < 0) or not alpha > 0:
        raise ValueError("bad input")
    classes = np.unique(y)
    counts = np.array([X[y == c].sum(axis=0) for c in classes]) + alpha
    prior = np.array([np.mean(y == c) for c in classes])
    return {
        "classes": classes,
        "class_log_prior": np.log(prior),
        "feature_log_prob": np.log(counts / counts.sum(axis=1, keepdims=True)),
    }


def predict_multinomial_nb(X_train, y_train, X_test, alpha=1.0):
    m = fit_multinomial_nb(X_train, y_train, alpha)
    X_test = np.asarray(X_test, dtype=float)
    if X_test.ndim != 2 or X_test.shape[1] != m["feature_log_prob"].shape[1] or np.any(X_test < 0):
        raise ValueError("bad input")
    theta, prior = np.exp(m["feature_log_prob"]), np.exp(m["class_log_prior"])
    joint = np.array([[prior[c] * np.prod(theta[c] ** row) for c in range(len(prior))] for row in X_test])
    with np.errstate(divide="ignore", invalid="ignore"):
        proba = joint / joint.sum(axis=1, keepdims=True)
        return m["classes"][np.argmax(joint, axis=1)], np.log(proba)
