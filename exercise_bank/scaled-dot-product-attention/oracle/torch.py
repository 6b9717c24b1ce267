"""Oracle: PyTorch's scaled_dot_product_attention (a boolean attn_mask means True = may attend, as here).

PyTorch returns only the output; the weights are the output for v = the identity matrix (weights @ I).
"""

import torch
from torch.nn.functional import scaled_dot_product_attention


def attention(q, k, v, mask=None):
    q, k, v = (torch.as_tensor(a, dtype=torch.float64) for a in (q, k, v))
    attn_mask = None if mask is None else torch.as_tensor(mask, dtype=torch.bool)
    output = scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
    identity = torch.eye(k.shape[-2], dtype=torch.float64).expand(*k.shape[:-1], k.shape[-2])
    weights = scaled_dot_product_attention(q, k, identity, attn_mask=attn_mask)
    return output.numpy(), weights.numpy()
