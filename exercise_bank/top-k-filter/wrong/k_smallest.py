# Mistake: takes the threshold from the wrong end of the ascending sort (keeps the largest vocab-k+1 values).
import numpy as np


def top_k_filter(logits, k):
    if not 1 <= k <= logits.shape[-1]:
        raise ValueError("bad k")
    threshold = np.sort(logits, axis=-1)[..., k - 1, None]
    return np.where(logits >= threshold, logits, -np.inf)
