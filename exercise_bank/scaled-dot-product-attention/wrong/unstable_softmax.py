# Mistake: exponentiates the raw scores, which overflows to inf/nan for large logits.
import numpy as np


def attention(q, k, v, mask=None):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    exp = np.exp(scores)
    if mask is not None:
        exp = np.where(mask, exp, 0.0)
    weights = exp / exp.sum(axis=-1, keepdims=True)
    return weights @ v, weights
