import numpy as np

NORMALIZE = (None, "true", "pred", "all")


def confusion_matrix(
    y_true: list, y_pred: list, labels: list | None = None, normalize: str | None = None
) -> np.ndarray:
    """Counts of (true label, predicted label) pairs: row i is the true label labels[i], column j the prediction."""
    if normalize not in NORMALIZE:
        raise ValueError(f"normalize must be one of {NORMALIZE}, got {normalize!r}")
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}")
    if len(y_true) == 0:
        raise ValueError("y_true and y_pred are empty")
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred))
    elif len(labels) == 0:
        raise ValueError("labels must name at least one label")
    elif not set(labels) & set(y_true):
        raise ValueError("at least one of labels must occur in y_true")
    index = {label: i for i, label in enumerate(labels)}
    counts = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for true, pred in zip(y_true, y_pred):
        # A pair with a label outside `labels` is left out, as when the caller asks about a subset of classes.
        if true in index and pred in index:
            counts[index[true], index[pred]] += 1
    if normalize is None:
        return counts
    if normalize == "true":
        totals = counts.sum(axis=1, keepdims=True)
    elif normalize == "pred":
        totals = counts.sum(axis=0, keepdims=True)
    else:
        totals = counts.sum()
    # A class that never occurs (an all-zero row or column) gives 0 / 0: it stays 0 instead of nan.
    return np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
