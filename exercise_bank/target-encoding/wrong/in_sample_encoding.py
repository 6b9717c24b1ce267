# Mistake: encodes the training rows with statistics that include their own target (no out-of-fold scheme): the model downstream learns from leaked labels.
import numpy as np


def _encode(categories: np.ndarray, y: np.ndarray, query: np.ndarray, smoothing: float) -> np.ndarray:
    """Smoothed mean of y per category, learned from (categories, y) and looked up for `query`."""
    prior = y.mean()
    labels, inverse = np.unique(categories, return_inverse=True)
    sums = np.bincount(inverse, weights=y, minlength=len(labels))
    counts = np.bincount(inverse, minlength=len(labels))
    table = dict(zip(labels.tolist(), ((sums + smoothing * prior) / (counts + smoothing)).tolist()))
    # A category never seen in the fitting rows falls back to their overall mean.
    return np.array([table.get(c, prior) for c in query.tolist()], dtype=np.float64)


def target_encode(
    train_categories: list[str], y: np.ndarray, test_categories: list[str], smoothing: float = 10.0, n_folds: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """(out-of-fold encodings of the training rows, encodings of the test rows from all training rows)."""
    train = np.asarray(train_categories, dtype=str)
    test = np.asarray(test_categories, dtype=str)
    y = np.asarray(y, dtype=np.float64)
    if train.ndim != 1 or y.ndim != 1 or test.ndim != 1 or len(train) != len(y) or len(train) == 0:
        raise ValueError("train_categories and y must be 1-D of the same non-zero length")
    if smoothing < 0:
        raise ValueError("smoothing must be >= 0")
    if not 2 <= n_folds <= len(train):
        raise ValueError("n_folds must be between 2 and the number of training rows")
    train_encoded = _encode(train, y, train, smoothing)
    return train_encoded, _encode(train, y, test, smoothing)
