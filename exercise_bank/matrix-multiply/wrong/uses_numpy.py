# Mistake: uses NumPy, which this exercise forbids (it asks for plain Python).
import numpy as np


def matmul(a, b):
    if len(a[0]) != len(b):
        raise ValueError("shapes do not fit")
    return (np.array(a) @ np.array(b)).tolist()
