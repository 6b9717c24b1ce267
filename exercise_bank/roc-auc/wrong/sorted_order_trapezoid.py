# Mistake: walks the samples one by one in sorted order, so tied scores make a staircase whose area depends on the order of the tied samples.
import numpy as np


def roc_auc(y_true, scores):
    y_true, scores = np.asarray(y_true).astype(bool), np.asarray(scores, dtype=float)
    if y_true.shape != scores.shape or y_true.size == 0 or not np.all(np.isfinite(scores)):
        raise ValueError("bad input")
    n_pos, n_neg = int(y_true.sum()), int((~y_true).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")
    tpr = np.concatenate([[0.0], np.cumsum(y_true[order]) / n_pos])
    fpr = np.concatenate([[0.0], np.cumsum(~y_true[order]) / n_neg])
    return float(np.sum((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1]) / 2))
