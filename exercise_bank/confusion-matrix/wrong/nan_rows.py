# Mistake: normalises by dividing straight away, so a class that never occurs gives a row of nan (0 / 0).
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None, normalize=None):
    if len(y_true) != len(y_pred) or len(y_true) == 0:
        raise ValueError("bad input")
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred))
    elif not labels or not set(labels) & set(y_true):
        raise ValueError("bad labels")
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for true, pred in zip(y_true, y_pred):
        if true in index and pred in index:
            counts[index[true], index[pred]] += 1
    if normalize is None:
        return counts
    with np.errstate(divide="ignore", invalid="ignore"):
        if normalize == "true":
            return counts / counts.sum(axis=1, keepdims=True)
        if normalize == "pred":
            return counts / counts.sum(axis=0, keepdims=True)
        return counts / counts.sum()
