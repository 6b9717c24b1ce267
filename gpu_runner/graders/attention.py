"""Case helpers of the attention exercises (scaled-dot-product-attention, multi-head-attention)."""

import numpy as np


def random_mask(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """A random boolean attention mask of `shape` (..., L_q, L_k), about 60% True, with at least one True per query
    row, so that no row of the softmax is empty."""
    mask = rng.random(shape) < 0.6
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(rows.shape[0]), rng.integers(0, shape[-1], size=rows.shape[0])] = True
    return rows.reshape(shape)
