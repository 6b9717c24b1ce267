import numpy as np


def truncated_svd(a: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k largest singular values of a and their vectors: (u of shape (m, k), s of shape (k,), vt of shape (k, n)).

    Signs: the entry of each row of vt with the largest absolute value is positive (u's columns flip with them).
    """
    raise NotImplementedError


def low_rank_approximation(a: np.ndarray, k: int) -> tuple[np.ndarray, float, float]:
    """(a_k, error_fro, error_2): the best rank-k approximation of a and ||a - a_k|| in both norms."""
    raise NotImplementedError


def rank_for_energy(a: np.ndarray, energy: float) -> int:
    """The smallest k whose k largest singular values hold at least `energy` of sum(s ** 2)."""
    raise NotImplementedError
