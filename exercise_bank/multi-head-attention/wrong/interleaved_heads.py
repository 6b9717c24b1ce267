# Mistake: reshapes the last dimension to (d_head, num_heads), so a head takes every h-th column
# instead of a consecutive block.
import numpy as np


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    d_model = x.shape[-1]
    if d_model % num_heads:
        raise ValueError("d_model must be divisible by num_heads")
    d_head = d_model // num_heads

    def split(t):
        return np.moveaxis(t.reshape(*t.shape[:-1], d_head, num_heads), -1, -3)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_head)
    if mask is not None:
        scores = np.where(np.asarray(mask)[..., None, :, :], scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    heads = w / w.sum(axis=-1, keepdims=True) @ v
    return np.moveaxis(heads, -3, -1).reshape(x.shape) @ w_o
