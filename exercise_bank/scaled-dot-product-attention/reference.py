import numpy as np


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """Scaled dot-product attention.

    q: (..., L_q, d_k), k: (..., L_k, d_k), v: (..., L_k, d_v);
    mask: None or a boolean array broadcastable to (..., L_q, L_k), True = may attend.
    Returns (output (..., L_q, d_v), weights (..., L_q, L_k)).
    """
    q = np.asarray(q, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    exp = np.exp(scores)
    weights = exp / exp.sum(axis=-1, keepdims=True)
    return weights @ v, weights
