import torch
from torch import nn


class LayerNorm(nn.Module):
    """Layer normalisation over the last len(normalized_shape) dimensions, as torch.nn.LayerNorm."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(int(size) for size in normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))
            self.bias = nn.Parameter(torch.zeros(self.normalized_shape)) if bias else None
        else:
            # Registered as None, so the module has the attributes but no parameters (as torch's does).
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = len(self.normalized_shape)
        if x.dim() < n or tuple(x.shape[-n:]) != self.normalized_shape:
            raise RuntimeError(
                f"Given normalized_shape={list(self.normalized_shape)}, expected input with shape "
                f"[*, {', '.join(map(str, self.normalized_shape))}], but got input of size {list(x.shape)}"
            )
        dims = tuple(range(-n, 0))
        mean = x.mean(dim=dims, keepdim=True)
        centred = x - mean
        # Biased variance (divide by N), from the centred values: E[x^2] - E[x]^2 cancels badly for large offsets.
        var = (centred * centred).mean(dim=dims, keepdim=True)
        y = centred / torch.sqrt(var + self.eps)
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y
