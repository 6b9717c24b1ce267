# Mistake: the causal mask is np.tril of the score matrix (aligned top-left), so the new tokens lose sight of
# most of the cache as soon as there is one.
import numpy as np


def _split_heads(x, n_heads):
    """(t, d_model) -> (n_heads, t, d_head): head h gets features h*d_head .. (h+1)*d_head - 1."""
    t, d_model = x.shape
    return x.reshape(t, n_heads, d_model // n_heads).transpose(1, 0, 2)


def attend_with_cache(x_new, cache_k, cache_v, w_q, w_k, w_v, w_o, n_heads):
    """Causal multi-head self-attention for new tokens that follow the cached ones.

    Returns (output of the new tokens, cache_k and cache_v with their keys and values appended).
    """
    x_new = np.asarray(x_new, dtype=np.float64)
    cache_k = np.asarray(cache_k, dtype=np.float64)
    cache_v = np.asarray(cache_v, dtype=np.float64)
    t_new, d_model = x_new.shape
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"d_model {d_model} is not divisible by n_heads {n_heads}")
    d_head = d_model // n_heads
    if cache_k.shape != cache_v.shape or cache_k.ndim != 3 or cache_k.shape[::2] != (n_heads, d_head):
        raise ValueError(f"the caches must both have shape ({n_heads}, t_past, {d_head})")
    q = _split_heads(x_new @ w_q, n_heads)
    keys = np.concatenate([cache_k, _split_heads(x_new @ w_k, n_heads)], axis=1)
    values = np.concatenate([cache_v, _split_heads(x_new @ w_v, n_heads)], axis=1)
    t_past = cache_k.shape[1]
    scores = q @ keys.transpose(0, 2, 1) / np.sqrt(d_head)  # (n_heads, t_new, t_past + t_new)
    # New token i sits at position t_past + i and may see every position up to its own.
    visible = np.tril(np.ones((t_new, t_past + t_new), dtype=bool))
    scores = np.where(visible, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    heads = weights @ values  # (n_heads, t_new, d_head)
    out = heads.transpose(1, 0, 2).reshape(t_new, d_model) @ w_o
    return out, keys, values


def incremental_attention(x, w_q, w_k, w_v, w_o, n_heads, chunks):
    """Feed x to attend_with_cache in chunks of the given sizes, starting from empty caches.

    Returns (the outputs of every position, stacked; the final cache_k; the final cache_v).
    """
    x = np.asarray(x, dtype=np.float64)
    if any(size < 1 for size in chunks) or sum(chunks) != x.shape[0]:
        raise ValueError(f"chunk sizes {list(chunks)} must be positive and add up to {x.shape[0]}")
    d_model = x.shape[1]
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"d_model {d_model} is not divisible by n_heads {n_heads}")
    cache_k = cache_v = np.zeros((n_heads, 0, d_model // n_heads))
    outputs, start = [], 0
    for size in chunks:
        out, cache_k, cache_v = attend_with_cache(
            x[start : start + size], cache_k, cache_v, w_q, w_k, w_v, w_o, n_heads
        )
        outputs.append(out)
        start += size
    return np.concatenate(outputs, axis=0), cache_k, cache_v
