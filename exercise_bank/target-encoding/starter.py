import numpy as np


def target_encode(
    train_categories: list[str], y: np.ndarray, test_categories: list[str], smoothing: float = 10.0, n_folds: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """Replace each category by a smoothed mean of the target.

    Returns (train_encoded, test_encoded), float arrays of the lengths of the two inputs. Training row i
    is encoded out of fold (fold i % n_folds) from the other folds only; test rows from all training rows.
    """
    raise NotImplementedError
