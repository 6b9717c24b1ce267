import numpy as np


def _check(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if np.any(X < 0):
        raise ValueError("counts must be non-negative")
    if not alpha > 0:
        raise ValueError(f"alpha must be > 0, got {alpha}")
    return X, y


def fit_multinomial_nb(X: np.ndarray, y: np.ndarray, alpha: float = 1.0) -> dict[str, np.ndarray]:
    """Class log-priors and smoothed per-class log word probabilities from a count matrix."""
    X, y = _check(X, y, alpha)
    classes, y_index = np.unique(y, return_inverse=True)
    class_count = np.bincount(y_index, minlength=len(classes)).astype(np.float64)
    # Word counts per class: one row per class, one column per word.
    word_count = np.zeros((len(classes), X.shape[1]))
    np.add.at(word_count, y_index, X)
    smoothed = word_count + alpha
    return {
        "classes": classes,
        "class_log_prior": np.log(class_count / class_count.sum()),
        "feature_log_prob": np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True)),
    }


def predict_multinomial_nb(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, alpha: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """(predicted labels, normalised log-probabilities of shape (n_test, n_classes)) for X_test."""
    model = fit_multinomial_nb(X_train, y_train, alpha)
    X_test = np.asarray(X_test, dtype=np.float64)
    if X_test.ndim != 2 or X_test.shape[1] != model["feature_log_prob"].shape[1]:
        raise ValueError("X_test must have as many columns as X_train")
    if np.any(X_test < 0):
        raise ValueError("counts must be non-negative")
    # Sums of logs instead of products of probabilities: a long document's product underflows to 0.
    joint = X_test @ model["feature_log_prob"].T + model["class_log_prior"]
    top = joint.max(axis=1, keepdims=True)
    log_norm = top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
    return model["classes"][np.argmax(joint, axis=1)], joint - log_norm
