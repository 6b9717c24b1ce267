"""Oracle: PyTorch's lower-triangular mask, as `scaled_dot_product_attention(is_causal=True)` builds it."""

import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).tril().numpy()
