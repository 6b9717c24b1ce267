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
    # y = x * mask / (1 - p) is linear in x: the gradient passes through the same scaled mask.
    return dropout(grad_output, p, training, seed)
