# Mistake: compares every positive with every negative in one (n_pos, n_neg) matrix: right values, but far too slow and large for 200,000 samples.
import numpy as np


def roc_auc(y_true, scores):
    y_true, scores = np.asarray(y_true).astype(bool), np.asarray(scores, dtype=float)
    if y_true.shape != scores.shape or y_true.size == 0 or not np.all(np.isfinite(scores)):
        raise ValueError("bad input")
    pos, neg = scores[y_true], scores[~y_true]
    if pos.size == 0 or neg.size == 0:
        return float("nan")
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / (pos.size * neg.size))
