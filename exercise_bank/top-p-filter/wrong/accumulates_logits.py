# Mistake: accumulates the raw logits instead of softmax probabilities.
import numpy as np


def top_p_filter(logits, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    logits = np.asarray(logits, dtype=np.float64)
    ordered = -np.sort(-logits, axis=-1)
    before = np.cumsum(ordered, axis=-1) - ordered
    keep = before < p
    keep[..., 0] = True
    threshold = np.min(np.where(keep, ordered, np.inf), axis=-1, keepdims=True)
    return np.where(logits >= threshold, logits, -np.inf)
