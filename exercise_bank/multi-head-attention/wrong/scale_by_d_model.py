# Mistake: scales every head's scores by 1/sqrt(d_model) instead of 1/sqrt(d_head).
import numpy as np


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    d_model = x.shape[-1]
    if d_model % num_heads:
        raise ValueError("d_model must be divisible by num_heads")
    d_head = d_model // num_heads
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    heads = []
    for j in range(num_heads):
        cols = slice(j * d_head, (j + 1) * d_head)
        scores = q[..., cols] @ np.swapaxes(k[..., cols], -1, -2) / np.sqrt(d_model)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        w = np.exp(scores)
        heads.append(w / w.sum(axis=-1, keepdims=True) @ v[..., cols])
    return np.concatenate(heads, axis=-1) @ w_o
