import numpy as np


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """Scaled dot-product attention.

    q: (..., L_q, d_k), k: (..., L_k, d_k), v: (..., L_k, d_v);
    mask: None or a boolean array broadcastable to (..., L_q, L_k), True = may attend.
    Returns (output (..., L_q, d_v), weights (..., L_q, L_k)).
    """
    raise NotImplementedError
