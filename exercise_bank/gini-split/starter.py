import numpy as np


def gini(y: np.ndarray) -> float:
    """Gini impurity 1 - sum_k p_k^2 of a label vector; ValueError when it is empty."""
    raise NotImplementedError


def best_split(X: np.ndarray, y: np.ndarray) -> tuple[int, float, float] | None:
    """(feature, threshold, weighted child impurity) of the best split `X[:, feature] <= threshold`.

    Candidate thresholds are midpoints between consecutive distinct values of a feature. Ties (scores
    within 1e-9): the smallest feature index, then the smallest threshold. None for a pure node or
    when no feature has two distinct values.
    """
    raise NotImplementedError
