import numpy as np
import torch  # noqa: F401 (preloaded in the sandbox)
from torch import nn  # noqa: F401


def fit_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Train a neural network on (X_train, y_train) with your own torch training loop; return a mode 0-2 per row
    of X_test.

    X_train: (2250, 10) float sensor readings; y_train: (2250,) ints in 0..2; X_test: (750, 10).
    """
    raise NotImplementedError
