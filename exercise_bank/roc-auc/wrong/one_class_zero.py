# Mistake: returns 0.0 when only one class is present (and divides by zero otherwise): the AUC is undefined there, nan.
import numpy as np


def roc_auc(y_true, scores):
    y_true, scores = np.asarray(y_true).astype(bool), np.asarray(scores, dtype=float)
    if y_true.shape != scores.shape or y_true.size == 0 or not np.all(np.isfinite(scores)):
        raise ValueError("bad input")
    pos, neg = np.sort(scores[y_true]), np.sort(scores[~y_true])
    if pos.size == 0 or neg.size == 0:
        return 0.0
    below = np.searchsorted(neg, pos, side="left")
    ties = np.searchsorted(neg, pos, side="right") - below
    return float((below + 0.5 * ties).sum() / (pos.size * neg.size))
