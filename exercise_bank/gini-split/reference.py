import numpy as np

TIE_TOLERANCE = 1e-9


def gini(y: np.ndarray) -> float:
    """Gini impurity 1 - sum_k p_k^2 of a label vector; ValueError when it is empty."""
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("the Gini impurity of an empty node is undefined")
    _, counts = np.unique(y, return_counts=True)
    p = counts / y.size
    return float(1.0 - np.sum(p * p))


def best_split(X: np.ndarray, y: np.ndarray) -> tuple[int, float, float] | None:
    """(feature, threshold, weighted child impurity) of the best split `X[:, feature] <= threshold`, or None."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    n = len(y)
    if n < 2 or gini(y) == 0.0:
        return None  # a pure node (or a single sample) is a leaf: no split can lower its impurity
    best = None
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2.0:
            left = X[:, feature] <= threshold
            n_left = int(left.sum())
            score = (n_left * gini(y[left]) + (n - n_left) * gini(y[~left])) / n
            # Features and thresholds are visited in increasing order, so keeping the first of equal
            # scores is the tie rule: smallest feature index, then smallest threshold.
            if best is None or score < best[2] - TIE_TOLERANCE:
                best = (feature, float(threshold), float(score))
    return best
