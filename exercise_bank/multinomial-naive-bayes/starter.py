import numpy as np


def fit_multinomial_nb(X: np.ndarray, y: np.ndarray, alpha: float = 1.0) -> dict[str, np.ndarray]:
    """Class log-priors and smoothed per-class log word probabilities from a count matrix.

    Returns {"classes": sorted labels, "class_log_prior": shape (n_classes,),
    "feature_log_prob": shape (n_classes, n_features)}.
    """
    raise NotImplementedError


def predict_multinomial_nb(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, alpha: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """(predicted labels, normalised log-probabilities of shape (n_test, n_classes)) for X_test."""
    raise NotImplementedError
