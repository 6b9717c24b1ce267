import numpy as np


def lora_forward(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    lora_a: np.ndarray,
    lora_b: np.ndarray,
    alpha: float,
    use_rslora: bool = False,
) -> np.ndarray:
    """y = x W^T + b + scaling * (x A^T) B^T, the frozen layer plus the low-rank update (no dropout)."""
    raise NotImplementedError


def lora_merge(
    weight: np.ndarray, lora_a: np.ndarray, lora_b: np.ndarray, alpha: float, use_rslora: bool = False
) -> np.ndarray:
    """The weight with the adapter folded in: W + scaling * B A."""
    raise NotImplementedError


def lora_unmerge(
    merged_weight: np.ndarray, lora_a: np.ndarray, lora_b: np.ndarray, alpha: float, use_rslora: bool = False
) -> np.ndarray:
    """The frozen weight back from a merged one: W' - scaling * B A."""
    raise NotImplementedError
