# Mistake: returns a NumPy array, while the exercise asks for a list of rows.
import numpy as np


def matmul(a, b):
    if len(a[0]) != len(b):
        raise ValueError("shapes do not fit")
    return np.array(a) @ np.array(b)
