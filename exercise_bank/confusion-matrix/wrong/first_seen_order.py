# Mistake: orders the labels as they first appear instead of sorting them.
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None, normalize=None):
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError("bad input")
    if labels is None:
        labels = list(dict.fromkeys(list(y_true) + list(y_pred)))
    elif not labels or not set(labels) & set(y_true):
        raise ValueError("bad labels")
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for true, pred in zip(y_true, y_pred):
        if true in index and pred in index:
            counts[index[true], index[pred]] += 1
    if normalize is None:
        return counts
    axis = {"true": 1, "pred": 0, "all": None}[normalize]
    totals = counts.sum(axis=axis, keepdims=axis is not None)
    return np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
