# Mistake: takes one threshold over the whole batch instead of one per row, and does not check k.
import numpy as np


def top_k_filter(logits, k):
    threshold = np.sort(logits.ravel())[-k]
    return np.where(logits >= threshold, logits, -np.inf)
