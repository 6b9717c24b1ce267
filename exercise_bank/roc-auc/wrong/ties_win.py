# Mistake: a tie counts as a win for the positive (>= instead of a half for equal scores).
import numpy as np


def roc_auc(y_true, scores):
    y_true, scores = np.asarray(y_true).astype(bool), np.asarray(scores, dtype=float)
    if y_true.shape != scores.shape or y_true.size == 0 or not np.all(np.isfinite(scores)):
        raise ValueError("bad input")
    pos, neg = np.sort(scores[y_true]), np.sort(scores[~y_true])
    if pos.size == 0 or neg.size == 0:
        return float("nan")
    # for every positive, the number of negatives at or below its score
    return float(np.searchsorted(neg, pos, side="right").sum() / (pos.size * neg.size))
