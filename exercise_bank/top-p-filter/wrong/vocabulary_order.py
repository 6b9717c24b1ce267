# Mistake: accumulates probabilities in vocabulary order instead of sorting by probability first.
import numpy as np


def top_p_filter(logits, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    logits = np.asarray(logits, dtype=np.float64)
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs = exp / exp.sum(axis=-1, keepdims=True)
    before = np.cumsum(probs, axis=-1) - probs
    keep = before < p
    keep[..., 0] = True
    return np.where(keep, logits, -np.inf)
