# Mistake: uses NumPy, which this exercise forbids (it asks for plain Python).
import numpy as np


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"vectors have different lengths: {len(a)} and {len(b)}")
    return float(np.dot(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))
