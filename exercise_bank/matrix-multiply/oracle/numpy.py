"""Oracle: NumPy's matmul (it raises ValueError when a's columns do not match b's rows)."""

import numpy as np


def matmul(a, b):
    return (np.asarray(a, dtype=np.float64) @ np.asarray(b, dtype=np.float64)).tolist()
