# Mistake: pairs neighbouring features (2i, 2i+1), the GPT-J/RoFormer layout, where the half-split layout
# (i, i + dim/2) of Llama and Hugging Face is asked for.
import numpy as np


def rope_cos_sin(positions, dim: int, base: float = 10000.0):
    """cos and sin of the rotation angles, each of shape (len(positions), dim), in the half-split layout.

    Pair i (features i and i + dim/2) turns by position * base ** (-2i / dim).
    """
    if dim < 2 or dim % 2:
        raise ValueError(f"dim must be a positive even number, got {dim}")
    inv_freq = 1.0 / base ** (np.arange(0, dim, 2, dtype=np.float64) / dim)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq[None, :]
    angles = np.repeat(angles, 2, axis=-1)
    return np.cos(angles), np.sin(angles)


def rotate_half(x):
    out = np.empty_like(x)
    out[..., 0::2] = -x[..., 1::2]
    out[..., 1::2] = x[..., 0::2]
    return out


def apply_rope(x, positions, base: float = 10000.0):
    """Rotary position embedding of x (..., seq, dim) at the given positions (seq,)."""
    x = np.asarray(x, dtype=np.float64)
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],):
        raise ValueError(f"positions must have shape ({x.shape[-2]},), got {positions.shape}")
    cos, sin = rope_cos_sin(positions, x.shape[-1], base)
    return x * cos + rotate_half(x) * sin
