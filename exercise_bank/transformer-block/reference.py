import math

import numpy as np

EPS = 1e-5
_erf = np.vectorize(math.erf, otypes=[np.float64])


def layer_norm(x, weight, bias):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased, as in the paper and in torch
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def self_attention(x, params, n_heads, causal):
    *batch, seq, d_model = x.shape
    d_head = d_model // n_heads
    qkv = x @ params["self_attn.in_proj_weight"].T + params["self_attn.in_proj_bias"]
    q, k, v = np.split(qkv, 3, axis=-1)  # rows 0..d-1 of the packed weight are W_q, then W_k, then W_v

    def heads(a):  # (..., seq, d_model) -> (..., n_heads, seq, d_head)
        return np.swapaxes(a.reshape(*batch, seq, n_heads, d_head), -2, -3)

    scores = heads(q) @ np.swapaxes(heads(k), -1, -2) / math.sqrt(d_head)
    if causal:
        scores = np.where(np.tril(np.ones((seq, seq), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    merged = np.swapaxes(weights @ heads(v), -2, -3).reshape(*batch, seq, d_model)
    return merged @ params["self_attn.out_proj.weight"].T + params["self_attn.out_proj.bias"]


def feed_forward(x, params):
    hidden = gelu(x @ params["linear1.weight"].T + params["linear1.bias"])
    return hidden @ params["linear2.weight"].T + params["linear2.bias"]


def transformer_block(x, params, n_heads, norm_first=True, causal=False):
    """One Transformer encoder layer (torch.nn.TransformerEncoderLayer with GELU and no dropout)."""
    x = np.asarray(x, dtype=np.float64)
    params = {name: np.asarray(value, dtype=np.float64) for name, value in params.items()}
    d_model = x.shape[-1]
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"d_model {d_model} is not divisible by n_heads {n_heads}")
    if params["self_attn.in_proj_weight"].shape != (3 * d_model, d_model):
        raise ValueError(f"self_attn.in_proj_weight must have shape ({3 * d_model}, {d_model})")
    norm1 = (params["norm1.weight"], params["norm1.bias"])
    norm2 = (params["norm2.weight"], params["norm2.bias"])
    if norm_first:
        x = x + self_attention(layer_norm(x, *norm1), params, n_heads, causal)
        return x + feed_forward(layer_norm(x, *norm2), params)
    x = layer_norm(x + self_attention(x, params, n_heads, causal), *norm1)
    return layer_norm(x + feed_forward(x, params), *norm2)
