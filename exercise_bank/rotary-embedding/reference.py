import numpy as np


def rope_cos_sin(positions, dim: int, base: float = 10000.0):
    """cos and sin of the rotation angles, each of shape (len(positions), dim), in the half-split layout.

    Pair i (features i and i + dim/2) turns by position * base ** (-2i / dim).
    """
    if dim < 2 or dim % 2:
        raise ValueError(f"dim must be a positive even number, got {dim}")
    inv_freq = 1.0 / base ** (np.arange(0, dim, 2, dtype=np.float64) / dim)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq[None, :]
    angles = np.concatenate([angles, angles], axis=-1)
    return np.cos(angles), np.sin(angles)


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, positions, base: float = 10000.0):
    """Rotary position embedding of x (..., seq, dim) at the given positions (seq,)."""
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],):
        raise ValueError(f"positions must have shape ({x.shape[-2]},), got {positions.shape}")
    cos, sin = rope_cos_sin(positions, x.shape[-1], base)
    return x * cos + rotate_half(x) * sin
