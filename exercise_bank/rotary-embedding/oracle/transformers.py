"""rotary-embedding through transformers' Llama `apply_rotary_pos_emb` (and its `rotate_half` layout).

The cos/sin table follows Llama's default rope initialisation, inv_freq = 1 / base ** (arange(0, dim, 2) / dim),
computed here in float64: `LlamaRotaryEmbedding` computes it in float32, which at positions in the tens
of thousands is ~1e-3 radians off, more than the exercise's tolerance.
"""

import numpy as np
import torch
from transformers.models.llama.modeling_llama import apply_rotary_pos_emb


def rope_cos_sin(positions, dim, base=10000.0):
    if dim < 2 or dim % 2:
        raise ValueError("dim must be a positive even number")
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
    freqs = torch.as_tensor(np.asarray(positions), dtype=torch.float64)[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().numpy(), emb.sin().numpy()


def apply_rope(x, positions, base=10000.0):
    x = torch.from_numpy(np.asarray(x, dtype=np.float64))
    positions = np.asarray(positions)
    if positions.shape != (x.shape[-2],):
        raise ValueError("one position per token")
    cos, sin = (torch.from_numpy(t) for t in rope_cos_sin(positions, x.shape[-1], base))
    rows = x.reshape(1, -1, *x.shape[-2:])  # (1, everything else, seq, dim): cos/sin unsqueezed at dim 1
    rotated, _ = apply_rotary_pos_emb(rows, rows, cos[None], sin[None], unsqueeze_dim=1)
    return rotated.reshape(x.shape).numpy()
