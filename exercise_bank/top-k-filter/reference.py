import numpy as np


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    """Keep values >= the k-th largest along the last axis; set the others to -inf.

    Ties at the threshold are all kept. Raises ValueError unless 1 <= k <= logits.shape[-1].
    """
    logits = np.asarray(logits, dtype=np.float64)
    vocab = logits.shape[-1]
    if not 1 <= k <= vocab:
        raise ValueError(f"k must be between 1 and {vocab}, got {k}")
    threshold = np.sort(logits, axis=-1)[..., vocab - k, None]
    return np.where(logits >= threshold, logits, -np.inf)
