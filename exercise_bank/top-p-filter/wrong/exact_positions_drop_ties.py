# Mistake: keeps exactly the sorted positions of the nucleus (argsort), so a tie at the boundary keeps only
# some of the tied tokens.
import numpy as np


def top_p_filter(logits, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    logits = np.asarray(logits, dtype=np.float64)
    order = np.argsort(-logits, axis=-1, kind="stable")
    ordered = np.take_along_axis(logits, order, axis=-1)
    exp = np.exp(ordered - ordered[..., :1])
    probs = exp / exp.sum(axis=-1, keepdims=True)
    keep_sorted = np.cumsum(probs, axis=-1) - probs < p
    keep_sorted[..., 0] = True
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)
