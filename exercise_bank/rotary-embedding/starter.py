import numpy as np


def rope_cos_sin(positions: np.ndarray, dim: int, base: float = 10000.0) -> tuple[np.ndarray, np.ndarray]:
    """cos and sin of the rotation angles, each of shape (len(positions), dim), in the half-split layout.

    Pair i (features i and i + dim/2) turns by position * base ** (-2i / dim).
    """
    raise NotImplementedError


def apply_rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """Rotary position embedding of x (..., seq, dim) at the given positions (seq,)."""
    raise NotImplementedError
