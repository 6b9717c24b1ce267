# Mistake: skips centring, so the first "component" points at the mean instead of along the spread.
import numpy as np


def pca(x, k):
    if not 1 <= k <= x.shape[1]:
        raise ValueError("bad k")
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    components = vt[:k]
    return x @ components.T, components
