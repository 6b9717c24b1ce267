# Mistake: returns 0/1 floats instead of booleans.
import numpy as np


def causal_mask(n):
    return np.tril(np.ones((n, n)))
