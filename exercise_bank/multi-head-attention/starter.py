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
    raise NotImplementedError
