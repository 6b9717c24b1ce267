# Mistake: the merged update is A^T B^T (the transpose of B A), which only fits a square layer and is wrong there too.
import math

import numpy as np


def _scaling(weight, lora_a, lora_b, alpha, use_rslora):
    """The adapter's scale, after checking that the shapes fit together (torch's (out, in) layout)."""
    weight, lora_a, lora_b = (np.asarray(a, dtype=np.float64) for a in (weight, lora_a, lora_b))
    out_features, in_features = weight.shape
    r = lora_a.shape[0]
    if r < 1 or lora_a.shape != (r, in_features) or lora_b.shape != (out_features, r):
        raise ValueError(
            f"with weight {weight.shape}, lora_a must be (r, {in_features}) and lora_b ({out_features}, r) with r >= 1; "
            f"got {lora_a.shape} and {lora_b.shape}"
        )
    return alpha / math.sqrt(r) if use_rslora else alpha / r


def lora_forward(x, weight, bias, lora_a, lora_b, alpha, use_rslora=False):
    """y = x W^T + b + scaling * (x A^T) B^T, the frozen layer plus the low-rank update (no dropout)."""
    scaling = _scaling(weight, lora_a, lora_b, alpha, use_rslora)
    x = np.asarray(x, dtype=np.float64)
    base = x @ np.asarray(weight, dtype=np.float64).T
    if bias is not None:
        base = base + np.asarray(bias, dtype=np.float64)
    # Through the rank-r bottleneck: never builds the (out, in) update matrix.
    return base + scaling * ((x @ np.asarray(lora_a).T) @ np.asarray(lora_b).T)


def lora_merge(weight, lora_a, lora_b, alpha, use_rslora=False):
    """The weight with the adapter folded in: W + scaling * B A."""
    scaling = _scaling(weight, lora_a, lora_b, alpha, use_rslora)
    return np.asarray(weight, dtype=np.float64) + scaling * (np.asarray(lora_a).T @ np.asarray(lora_b).T)


def lora_unmerge(merged_weight, lora_a, lora_b, alpha, use_rslora=False):
    """The frozen weight back from a merged one: W' - scaling * B A."""
    scaling = _scaling(merged_weight, lora_a, lora_b, alpha, use_rslora)
    return np.asarray(merged_weight, dtype=np.float64) - scaling * (np.asarray(lora_b) @ np.asarray(lora_a))
