import numpy as np


def cross_entropy(
    logits: np.ndarray,
    targets: np.ndarray,
    reduction: str = "mean",
    weight: np.ndarray | None = None,
    ignore_index: int = -100,
) -> float | np.ndarray:
    """Return the cross-entropy of the class indices `targets` (N,) under softmax(logits) (N, C).

    reduction: "mean" (weighted mean over the targets that are not ignored), "sum", or "none" (one loss per row).
    """
    raise NotImplementedError


def cross_entropy_grad(
    logits: np.ndarray, targets: np.ndarray, weight: np.ndarray | None = None, ignore_index: int = -100
) -> np.ndarray:
    """Return the gradient of cross_entropy(logits, targets, "mean", weight, ignore_index) with respect to logits."""
    raise NotImplementedError
