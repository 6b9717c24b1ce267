"""Oracle: PyTorch's nn.MultiheadAttention with the given weights and no biases.

PyTorch applies a weight as x @ W.T, so each matrix goes in transposed; its heads are the same consecutive column
blocks, scaled by 1/sqrt(d_head). Its boolean attn_mask means True = may NOT attend, the opposite of the statement's,
so the mask goes in negated, one copy per head when it differs per example.
"""

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    x = torch.as_tensor(x, dtype=torch.float64)
    *batch, seq, d_model = x.shape
    if d_model % num_heads:
        # PyTorch stops with an AssertionError here; the statement asks for a ValueError.
        raise ValueError(f"d_model {d_model} is not divisible by num_heads {num_heads}")
    layer = torch.nn.MultiheadAttention(d_model, num_heads, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        weights = [torch.as_tensor(w, dtype=torch.float64).T for w in (w_q, w_k, w_v)]
        layer.in_proj_weight.copy_(torch.cat(weights))
        layer.out_proj.weight.copy_(torch.as_tensor(w_o, dtype=torch.float64).T)
    flat = x.reshape(-1, seq, d_model)
    attn_mask = None
    if mask is not None:
        blocked = ~torch.as_tensor(mask, dtype=torch.bool).broadcast_to((*batch, seq, seq)).reshape(-1, seq, seq)
        attn_mask = blocked.repeat_interleave(num_heads, dim=0)
    with torch.no_grad():
        output, _ = layer(flat, flat, flat, attn_mask=attn_mask, need_weights=False)
    return output.reshape(*batch, seq, d_model).numpy()
