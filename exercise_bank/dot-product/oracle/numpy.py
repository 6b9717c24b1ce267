"""Oracle: NumPy's dot (it raises ValueError for vectors of different lengths; the dot of two empty ones is 0)."""

import numpy as np


def dot(a, b):
    return float(np.dot(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)))
