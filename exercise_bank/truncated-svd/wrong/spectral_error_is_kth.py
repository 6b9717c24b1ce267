# Mistake: reports s_k, the last singular value kept, as the spectral error instead of s_(k+1).
import numpy as np

ENERGY_SLACK = 1e-12


def truncated_svd(a: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k largest singular values of a and their vectors: (u (m, k), s (k,), vt (k, n)), signs fixed."""
    a = _matrix(a)
    _check_k(a, k)
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    u, s, vt = u[:, :k], s[:k], vt[:k]
    # (u_i, v_i) and (-u_i, -v_i) are equally valid; fix the sign as scikit-learn does (u_based_decision=False):
    # the entry of v_i with the largest |value| is positive.
    signs = np.sign(vt[np.arange(k), np.argmax(np.abs(vt), axis=1)])
    return u * signs, s, vt * signs[:, None]


def low_rank_approximation(a: np.ndarray, k: int) -> tuple[np.ndarray, float, float]:
    """The best rank-k approximation a_k and its errors ||a - a_k|| in the Frobenius and the spectral norm."""
    a = _matrix(a)
    _check_k(a, k)
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    a_k = (u[:, :k] * s[:k]) @ vt[:k]
    # Eckart-Young: the error is made of exactly the singular values that were dropped.
    rest = s[k:]
    error_fro = float(np.sqrt(np.sum(rest**2)))
    error_2 = float(s[k - 1])
    return a_k, error_fro, error_2


def rank_for_energy(a: np.ndarray, energy: float) -> int:
    """The smallest k whose k largest singular values hold at least `energy` of sum(s**2)."""
    a = _matrix(a)
    if not 0.0 < energy <= 1.0:
        raise ValueError(f"energy must be in (0, 1], got {energy}")
    s = np.linalg.svd(a, compute_uv=False)
    total = float(np.sum(s**2))
    if total == 0.0:
        raise ValueError("the zero matrix has no energy to keep")
    kept = np.cumsum(s**2) / total
    return int(np.argmax(kept >= energy - ENERGY_SLACK)) + 1


def _matrix(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.size == 0:
        raise ValueError(f"expected a non-empty 2-D matrix, got shape {a.shape}")
    return a


def _check_k(a: np.ndarray, k: int) -> None:
    if not 1 <= k <= min(a.shape):
        raise ValueError(f"k must be between 1 and {min(a.shape)}, got {k}")
