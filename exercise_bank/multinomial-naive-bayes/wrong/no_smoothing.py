# Mistake: ignores alpha (no smoothing): a word never seen with a class gets log(0) = -inf and vetoes that class.
import numpy as np


def fit_multinomial_nb(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or np.any(X < 0) or not alpha > 0:
        raise ValueError("bad input")
    classes = np.unique(y)
    counts = np.array([X[y == c].sum(axis=0) for c in classes])
    prior = np.array([np.mean(y == c) for c in classes])
    with np.errstate(divide="ignore"):
        flp = np.log(counts / counts.sum(axis=1, keepdims=True))
    return {"classes": classes, "class_log_prior": np.log(prior), "feature_log_prob": flp}


def predict_multinomial_nb(X_train, y_train, X_test, alpha=1.0):
    m = fit_multinomial_nb(X_train, y_train, alpha)
    X_test = np.asarray(X_test, dtype=float)
    if X_test.ndim != 2 or X_test.shape[1] != m["feature_log_prob"].shape[1] or np.any(X_test < 0):
        raise ValueError("bad input")
    with np.errstate(invalid="ignore"):
        joint = np.where(X_test[:, None, :] > 0, X_test[:, None, :] * m["feature_log_prob"][None], 0.0).sum(axis=2)
        joint = joint + m["class_log_prior"]
        top = joint.max(axis=1, keepdims=True)
        log_proba = joint - (top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True)))
    return m["classes"][np.argmax(joint, axis=1)], log_proba
