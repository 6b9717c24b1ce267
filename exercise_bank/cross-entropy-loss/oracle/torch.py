import torch
import torch.nn.functional as F


def _tensors(logits, targets, weight):
    x = torch.tensor(logits, dtype=torch.float64)
    t = torch.tensor(targets, dtype=torch.long)
    w = None if weight is None else torch.tensor(weight, dtype=torch.float64)
    return x, t, w


def cross_entropy(logits, targets, reduction="mean", weight=None, ignore_index=-100):
    x, t, w = _tensors(logits, targets, weight)
    loss = F.cross_entropy(x, t, weight=w, ignore_index=ignore_index, reduction=reduction)
    return loss.numpy() if reduction == "none" else float(loss)


def cross_entropy_grad(logits, targets, weight=None, ignore_index=-100):
    x, t, w = _tensors(logits, targets, weight)
    x.requires_grad_(True)
    F.cross_entropy(x, t, weight=w, ignore_index=ignore_index).backward()
    return x.grad.numpy()
