# Mistake: the mask is the wrong way round (a query sees the future, not the past).
import numpy as np


def causal_mask(n):
    return np.triu(np.ones((n, n), dtype=bool))
