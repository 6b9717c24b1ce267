"""transformer-block through torch.nn.TransformerEncoderLayer itself (GELU, no dropout, batch_first).

The params dict uses the layer's state_dict names, so it loads as it is; the causal case passes torch's
square subsequent mask.
"""

import numpy as np
import torch


def transformer_block(x, params, n_heads, norm_first=True, causal=False):
    x = torch.from_numpy(np.asarray(x, dtype=np.float64))
    state = {name: torch.from_numpy(np.asarray(value, dtype=np.float64)) for name, value in params.items()}
    d_model, d_ff = x.shape[-1], state["linear1.weight"].shape[0]
    if n_heads < 1 or d_model % n_heads:
        raise ValueError("d_model must be divisible by n_heads")
    layer = torch.nn.TransformerEncoderLayer(
        d_model,
        n_heads,
        d_ff,
        dropout=0.0,
        activation="gelu",
        batch_first=True,
        norm_first=norm_first,
        dtype=torch.float64,
    )
    layer.load_state_dict(state)
    layer.eval()
    batch = x if x.dim() == 3 else x[None]
    seq = batch.shape[1]
    mask = torch.nn.Transformer.generate_square_subsequent_mask(seq, dtype=torch.float64) if causal else None
    with torch.no_grad():
        out = layer(batch, src_mask=mask, is_causal=causal)
    return (out if x.dim() == 3 else out[0]).numpy()
