import numpy as np


def attend_with_cache(
    x_new: np.ndarray, cache_k: np.ndarray, cache_v: np.ndarray, w_q, w_k, w_v, w_o, n_heads: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Causal multi-head self-attention for new tokens that follow the cached ones.

    x_new: (t_new, d_model); cache_k, cache_v: (n_heads, t_past, d_head); weights: (d_model, d_model).
    Returns (output of the new tokens (t_new, d_model), cache_k and cache_v with the new keys and values
    appended: (n_heads, t_past + t_new, d_head)).
    """
    raise NotImplementedError


def incremental_attention(
    x: np.ndarray, w_q, w_k, w_v, w_o, n_heads: int, chunks: list[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feed x to attend_with_cache in chunks of the given sizes, starting from empty caches.

    Returns (the outputs of every position (seq_len, d_model), the final cache_k, the final cache_v).
    """
    raise NotImplementedError
