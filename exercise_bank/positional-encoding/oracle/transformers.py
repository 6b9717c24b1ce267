# DistilBERT's sinusoidal position embeddings (transformers), the field's own table of "Attention Is All You Need".
import numpy as np
import torch
from transformers.models.distilbert.modeling_distilbert import create_sinusoidal_embeddings


def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    out = torch.empty(seq_len, d_model)
    if seq_len == 0 or d_model == 0:
        return out.numpy().astype(np.float64)
    return create_sinusoidal_embeddings(n_pos=seq_len, dim=d_model, out=out).numpy().astype(np.float64)
