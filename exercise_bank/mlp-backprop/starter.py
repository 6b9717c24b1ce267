import numpy as np


def mlp_gradients(x: np.ndarray, y: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray) -> dict:
    """Return {"loss", "w1", "b1", "w2", "b2"}: the mean cross-entropy loss of the tanh MLP and its gradients."""
    raise NotImplementedError
