import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Return the area under the ROC curve of `scores` for the binary labels `y_true` (1 = positive).

    Equal scores are ties: a tied (positive, negative) pair counts 1/2. One class only: return nan.
    """
    raise NotImplementedError
