# Mistake: ignore_index is treated as a class index (numpy wraps -100 around) instead of being left out.
import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def _checked(logits, targets, weight, ignore_index):
    logits = np.asarray(logits, dtype=np.float64)
    targets = np.asarray(targets)
    if logits.ndim != 2 or targets.ndim != 1 or logits.shape[0] != targets.shape[0]:
        raise ValueError(f"expected logits (N, C) and targets (N,), got {logits.shape} and {targets.shape}")
    n_classes = logits.shape[1]
    kept = np.ones(targets.shape, dtype=bool)
    targets = targets % n_classes
    bad = kept & ((targets < 0) | (targets >= n_classes))
    if bad.any():
        raise IndexError(f"target {int(targets[bad][0])} is out of bounds for {n_classes} classes")
    weight = np.ones(n_classes) if weight is None else np.asarray(weight, dtype=np.float64)
    # Ignored rows get class 0 and weight 0: they stay in the arrays but contribute nothing.
    safe = np.where(kept, targets, 0)
    sample_weight = np.where(kept, weight[safe], 0.0)
    return logits, safe, sample_weight


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(
    logits: np.ndarray,
    targets: np.ndarray,
    reduction: str = "mean",
    weight: np.ndarray | None = None,
    ignore_index: int = -100,
) -> float | np.ndarray:
    """Cross-entropy of class-index targets under softmax(logits), as torch.nn.functional.cross_entropy."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")
    logits, safe, sample_weight = _checked(logits, targets, weight, ignore_index)
    losses = -_log_softmax(logits)[np.arange(len(safe)), safe] * sample_weight
    if reduction == "none":
        return losses
    if reduction == "sum":
        return float(losses.sum())
    total = sample_weight.sum()
    # Every target ignored (or an empty batch) is 0 / 0, which torch reports as nan.
    return float(losses.sum() / total) if total > 0 else float("nan")


def cross_entropy_grad(
    logits: np.ndarray, targets: np.ndarray, weight: np.ndarray | None = None, ignore_index: int = -100
) -> np.ndarray:
    """Gradient of the mean-reduced cross_entropy with respect to the logits: w_i (softmax - onehot) / sum(w)."""
    logits, safe, sample_weight = _checked(logits, targets, weight, ignore_index)
    grad = np.exp(_log_softmax(logits))
    grad[np.arange(len(safe)), safe] -= 1.0
    return grad * (sample_weight / sample_weight.sum())[:, None]
