# Mistake: a position may not attend to itself (strictly lower triangle).
import numpy as np


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool), k=-1)
