import numpy as np


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    num_heads: int,
    mask: np.ndarray | None = None,
) -> np.ndarray:
    """Multi-head self-attention without biases.

    x: (..., seq, d_model); w_*: (d_model, d_model), used as x @ w; heads are consecutive column blocks;
    mask: None or boolean, broadcastable to (..., seq, seq), True = may attend.
    Returns (..., seq, d_model). Raises ValueError if d_model % num_heads != 0.
    """
    x = np.asarray(x, dtype=np.float64)
    d_model = x.shape[-1]
    if num_heads < 1 or d_model % num_heads != 0:
        raise ValueError(f"d_model={d_model} is not divisible by num_heads={num_heads}")
    d_head = d_model // num_heads

    def split(t):  # (..., seq, d_model) -> (..., heads, seq, d_head)
        return np.swapaxes(t.reshape(*t.shape[:-1], num_heads, d_head), -2, -3)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_head)
    if mask is not None:
        # (..., seq, seq) -> (..., 1, seq, seq): the same mask for every head.
        scores = np.where(np.asarray(mask, dtype=bool)[..., None, :, :], scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    heads = weights @ v
    concat = np.swapaxes(heads, -2, -3).reshape(x.shape)
    return concat @ w_o
