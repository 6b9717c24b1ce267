import numpy as np


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    """Nucleus filtering: keep the smallest set of top tokens whose probability reaches p; -inf for the rest.

    Works along the last axis. Tokens tied with the least likely kept token are kept too.
    Raises ValueError unless 0 <= p <= 1.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    logits = np.asarray(logits, dtype=np.float64)
    ordered = -np.sort(-logits, axis=-1)  # descending
    shifted = np.exp(ordered - ordered[..., :1])  # the row maximum comes first: no overflow
    probs = shifted / shifted.sum(axis=-1, keepdims=True)
    mass_before = np.cumsum(probs, axis=-1) - probs
    keep = mass_before < p
    keep[..., 0] = True  # the most likely token always stays
    threshold = np.min(np.where(keep, ordered, np.inf), axis=-1, keepdims=True)
    return np.where(logits >= threshold, logits, -np.inf)
