"""qkv-projections through torch: F.linear for the fused projection and scaled_dot_product_attention with
enable_gqa=True, which pairs query head h with kv head h // (n_heads // n_kv_heads) as the statement does."""

import numpy as np
import torch
import torch.nn.functional as F


def _check(d_model, n_heads, n_kv_heads):
    if n_heads < 1 or d_model % n_heads or n_kv_heads < 1 or n_heads % n_kv_heads:
        raise ValueError("the head counts do not divide")
    return d_model // n_heads


def split_qkv(x, w_qkv, b_qkv, n_heads, n_kv_heads):
    x = torch.from_numpy(np.asarray(x, dtype=np.float64))
    w = torch.from_numpy(np.asarray(w_qkv, dtype=np.float64))
    b = torch.from_numpy(np.asarray(b_qkv, dtype=np.float64))
    seq, d_model = x.shape
    d_head = _check(d_model, n_heads, n_kv_heads)
    rows = (n_heads + 2 * n_kv_heads) * d_head
    if tuple(w.shape) != (rows, d_model) or tuple(b.shape) != (rows,):
        raise ValueError("w_qkv and b_qkv do not fit")
    q, k, v = F.linear(x, w, b).split([n_heads * d_head, n_kv_heads * d_head, n_kv_heads * d_head], dim=-1)
    return tuple(t.view(seq, -1, d_head).transpose(0, 1).contiguous().numpy() for t in (q, k, v))


def grouped_query_attention(x, w_qkv, b_qkv, w_o, n_heads, n_kv_heads, causal=True):
    q, k, v = (torch.from_numpy(t) for t in split_qkv(x, w_qkv, b_qkv, n_heads, n_kv_heads))
    heads = F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=True)
    merged = heads.transpose(0, 1).reshape(q.shape[1], -1)
    return F.linear(merged, torch.from_numpy(np.asarray(w_o, dtype=np.float64))).numpy()


def kv_cache_bytes(n_layers, n_kv_heads, d_head, seq_len, batch, bytes_per_value):
    # The size of the cache tensors themselves: (batch, kv_heads, seq, d_head) keys and values per layer.
    one_layer = torch.empty((batch, n_kv_heads, seq_len, d_head), dtype=torch.uint8, device="meta")
    return 2 * n_layers * one_layer.numel() * bytes_per_value
