# Mistake: query head h uses kv head h % n_kv_heads (tiling) instead of h // group (consecutive heads share).
import numpy as np


def _shapes(d_model, n_heads, n_kv_heads):
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"d_model {d_model} is not divisible by n_heads {n_heads}")
    if n_kv_heads < 1 or n_heads % n_kv_heads:
        raise ValueError(f"n_heads {n_heads} is not divisible by n_kv_heads {n_kv_heads}")
    return d_model // n_heads


def split_qkv(x, w_qkv, b_qkv, n_heads, n_kv_heads):
    """Project x (seq, d_model) with the fused weight and split it into heads.

    Returns q (n_heads, seq, d_head), k and v (n_kv_heads, seq, d_head).
    """
    x = np.asarray(x, dtype=np.float64)
    seq, d_model = x.shape
    d_head = _shapes(d_model, n_heads, n_kv_heads)
    rows = (n_heads + 2 * n_kv_heads) * d_head
    if np.shape(w_qkv) != (rows, d_model) or np.shape(b_qkv) != (rows,):
        raise ValueError(f"w_qkv must have shape ({rows}, {d_model}) and b_qkv ({rows},)")
    fused = x @ np.asarray(w_qkv).T + b_qkv
    q_end, k_end = n_heads * d_head, (n_heads + n_kv_heads) * d_head

    def heads(block, count):
        return block.reshape(seq, count, d_head).transpose(1, 0, 2)

    return (
        heads(fused[:, :q_end], n_heads),
        heads(fused[:, q_end:k_end], n_kv_heads),
        heads(fused[:, k_end:], n_kv_heads),
    )


def grouped_query_attention(x, w_qkv, b_qkv, w_o, n_heads, n_kv_heads, causal=True):
    """Attention where each group of n_heads // n_kv_heads consecutive query heads shares one key/value head."""
    q, k, v = split_qkv(x, w_qkv, b_qkv, n_heads, n_kv_heads)
    group = n_heads // n_kv_heads
    k, v = np.tile(k, (group, 1, 1)), np.tile(v, (group, 1, 1))  # query head h uses kv head h // group
    seq, d_head = q.shape[1], q.shape[2]
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d_head)
    if causal:
        scores = np.where(np.tril(np.ones((seq, seq), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    merged = (weights @ v).transpose(1, 0, 2).reshape(seq, n_heads * d_head)
    return merged @ np.asarray(w_o).T


def kv_cache_bytes(n_layers, n_kv_heads, d_head, seq_len, batch, bytes_per_value):
    """Memory of a KV cache: a key and a value vector per layer, kv head, token and sequence."""
    return 2 * n_layers * n_kv_heads * d_head * seq_len * batch * bytes_per_value
