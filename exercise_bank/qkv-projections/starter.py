import numpy as np


def split_qkv(
    x: np.ndarray, w_qkv: np.ndarray, b_qkv: np.ndarray, n_heads: int, n_kv_heads: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Project x (seq, d_model) with the fused weight and split it into heads.

    Returns q (n_heads, seq, d_head), k and v (n_kv_heads, seq, d_head).
    """
    raise NotImplementedError


def grouped_query_attention(
    x: np.ndarray,
    w_qkv: np.ndarray,
    b_qkv: np.ndarray,
    w_o: np.ndarray,
    n_heads: int,
    n_kv_heads: int,
    causal: bool = True,
) -> np.ndarray:
    """Attention where each group of n_heads // n_kv_heads consecutive query heads shares one key/value head."""
    raise NotImplementedError


def kv_cache_bytes(n_layers: int, n_kv_heads: int, d_head: int, seq_len: int, batch: int, bytes_per_value: int) -> int:
    """Memory of a KV cache, in bytes (an int)."""
    raise NotImplementedError
