import numpy as np


def confusion_matrix(
    y_true: list, y_pred: list, labels: list | None = None, normalize: str | None = None
) -> np.ndarray:
    """Return the confusion matrix: entry [i, j] counts samples whose true label is labels[i] and predicted label labels[j].

    labels=None uses every label of y_true and y_pred, sorted. normalize: None (counts), "true" (rows sum to 1),
    "pred" (columns sum to 1) or "all" (the whole matrix sums to 1).
    """
    raise NotImplementedError
