# Mistake: removed tokens get logit 0 instead of -inf, so they keep a non-zero probability.
import numpy as np


def top_k_filter(logits, k):
    if not 1 <= k <= logits.shape[-1]:
        raise ValueError("bad k")
    threshold = np.sort(logits, axis=-1)[..., -k, None]
    return np.where(logits >= threshold, logits, 0.0)
