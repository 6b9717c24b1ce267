# Mistake: the backward pass scales the gradient by 1 / (1 - p) but lets it through where the forward pass dropped the unit.
import numpy as np
import torch


def _scaled_mask(shape, p: float, seed: int) -> torch.Tensor:
    """1 / (1 - p) where an element is kept, 0 where it is dropped: the same draw for forward and backward."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 1.0:
        return torch.zeros(shape, dtype=torch.float64)  # everything dropped: no 0 / 0
    generator = torch.Generator().manual_seed(seed)
    u = torch.rand(shape, generator=generator, dtype=torch.float64)
    return (u >= p).to(torch.float64) / (1.0 - p)


def dropout(x, p=0.5, training=True, seed=0):
    x = torch.as_tensor(np.asarray(x, dtype=np.float64))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training:
        return x.clone().numpy()
    return (x * _scaled_mask(x.shape, p, seed)).numpy()


def dropout_backward(grad_output, p=0.5, training=True, seed=0):
    grad = np.asarray(grad_output, dtype=np.float64)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    return grad / (1.0 - p) if training and p < 1.0 else grad.copy()
