# Mistake: with NumPy a zero norm gives nan (and a warning) instead of raising ValueError.
import numpy as np


def cosine_similarity(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("different lengths")
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
