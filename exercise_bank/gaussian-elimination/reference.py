import numpy as np

SINGULAR_RTOL = 1e-12


def lu_factor(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian elimination with partial pivoting: (perm, lower, upper) with a[perm] == lower @ upper."""
    u = _square(a).copy()
    n = u.shape[0]
    perm = np.arange(n)
    lower = np.zeros((n, n))
    for k in range(n):
        # Partial pivoting: the largest |value| on or below the diagonal; argmax keeps the first on ties.
        pivot = k + int(np.argmax(np.abs(u[k:, k])))
        if pivot != k:
            u[[k, pivot]] = u[[pivot, k]]
            lower[[k, pivot], :k] = lower[[pivot, k], :k]
            perm[[k, pivot]] = perm[[pivot, k]]
        if u[k, k] != 0.0:
            factors = u[k + 1 :, k] / u[k, k]
            lower[k + 1 :, k] = factors
            u[k + 1 :, k:] -= np.outer(factors, u[k, k:])
            u[k + 1 :, k] = 0.0  # exactly zero, not the round-off of x - (x / p) * p
    np.fill_diagonal(lower, 1.0)
    return perm, lower, u


def determinant(a: np.ndarray) -> float:
    """det(a) from the LU factors: the sign of the row permutation times the product of the pivots."""
    perm, _, upper = lu_factor(a)
    return _permutation_sign(perm) * float(np.prod(np.diag(upper)))


def inverse(a: np.ndarray) -> np.ndarray:
    """a^-1 by solving a x = e_j for every column of the identity with the LU factors."""
    perm, lower, upper = lu_factor(a)
    n = upper.shape[0]
    scale = float(np.abs(np.asarray(a, dtype=np.float64)).max())
    if n == 0 or scale == 0.0 or np.any(np.abs(np.diag(upper)) <= SINGULAR_RTOL * scale):
        raise ValueError("the matrix is singular")
    rhs = np.eye(n)[perm]  # P b for every column b of the identity
    y = np.zeros((n, n))
    for i in range(n):  # forward substitution: L y = P b (L has ones on its diagonal)
        y[i] = rhs[i] - lower[i, :i] @ y[:i]
    x = np.zeros((n, n))
    for i in range(n - 1, -1, -1):  # back substitution: U x = y
        x[i] = (y[i] - upper[i, i + 1 :] @ x[i + 1 :]) / upper[i, i]
    return x


def _square(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(f"expected a non-empty square matrix, got shape {a.shape}")
    return a


def _permutation_sign(perm: np.ndarray) -> float:
    """+1 for an even permutation, -1 for an odd one (count the cycles)."""
    seen = np.zeros(len(perm), dtype=bool)
    sign = 1.0
    for start in range(len(perm)):
        length = 0
        j = start
        while not seen[j]:
            seen[j] = True
            j = perm[j]
            length += 1
        if length % 2 == 0 and length > 0:
            sign = -sign
    return sign
