import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve: P(a random positive scores above a random negative), a tie counting 1/2."""
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=np.float64)
    if y_true.shape != scores.shape or y_true.ndim != 1:
        raise ValueError(f"y_true and scores must be 1-D of the same length, got {y_true.shape} and {scores.shape}")
    if y_true.size == 0:
        raise ValueError("y_true and scores are empty")
    if not np.all(np.isfinite(scores)):
        raise ValueError("scores must be finite numbers")
    positive = y_true.astype(bool)
    n_pos = int(positive.sum())
    n_neg = y_true.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")  # undefined with one class only
    # Mann-Whitney: rank all scores (tied scores share their average rank), then count the pairs won.
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    first_rank = np.cumsum(counts) - counts + 1
    average_rank = first_rank + (counts - 1) / 2.0
    rank_sum = average_rank[inverse][positive].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))
