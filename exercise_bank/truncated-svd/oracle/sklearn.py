import numpy as np
import scipy.linalg
from sklearn.utils.extmath import svd_flip


def _matrix(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.size == 0:
        raise ValueError(f"expected a non-empty 2-D matrix, got shape {a.shape}")
    return a


def _svd(a, k):
    if not 1 <= k <= min(a.shape):
        raise ValueError(f"k must be between 1 and {min(a.shape)}, got {k}")
    u, s, vt = scipy.linalg.svd(a, full_matrices=False)
    # TruncatedSVD's and PCA's convention: the largest |entry| of each right singular vector is positive.
    u, vt = svd_flip(u, vt, u_based_decision=False)
    return u[:, :k], s[:k], vt[:k]


def truncated_svd(a, k):
    return _svd(_matrix(a), k)


def low_rank_approximation(a, k):
    a = _matrix(a)
    u, s, vt = _svd(a, k)
    a_k = (u * s) @ vt
    return a_k, float(scipy.linalg.norm(a - a_k, "fro")), float(scipy.linalg.norm(a - a_k, 2))


def rank_for_energy(a, energy):
    a = _matrix(a)
    if not 0.0 < energy <= 1.0:
        raise ValueError(f"energy must be in (0, 1], got {energy}")
    s = scipy.linalg.svdvals(a)
    if not np.any(s):
        raise ValueError("the zero matrix has no energy to keep")
    kept = np.cumsum(s**2) / np.sum(s**2)
    return int(np.searchsorted(kept, energy - 1e-12, side="left")) + 1
