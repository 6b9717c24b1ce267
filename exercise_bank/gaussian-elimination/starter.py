import numpy as np


def lu_factor(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian elimination with partial pivoting.

    Returns (perm, lower, upper): perm an integer array with a[perm] == lower @ upper, lower unit lower
    triangular (ones on the diagonal), upper upper triangular.
    """
    raise NotImplementedError


def determinant(a: np.ndarray) -> float:
    """det(a), from the LU factors."""
    raise NotImplementedError


def inverse(a: np.ndarray) -> np.ndarray:
    """The inverse of a, from the LU factors; raise ValueError if a is singular."""
    raise NotImplementedError
