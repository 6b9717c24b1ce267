# Mistake: np.exp of the raw logits without subtracting the row maximum: large logits overflow to inf.
import numpy as np


def top_p_filter(logits, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    logits = np.asarray(logits, dtype=np.float64)
    ordered = -np.sort(-logits, axis=-1)
    exp = np.exp(ordered)
    probs = exp / exp.sum(axis=-1, keepdims=True)
    keep = np.cumsum(probs, axis=-1) - probs < p
    keep[..., 0] = True
    threshold = np.min(np.where(keep, ordered, np.inf), axis=-1, keepdims=True)
    return np.where(logits >= threshold, logits, -np.inf)
