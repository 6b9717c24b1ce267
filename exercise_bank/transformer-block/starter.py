import numpy as np


def transformer_block(
    x: np.ndarray, params: dict, n_heads: int, norm_first: bool = True, causal: bool = False
) -> np.ndarray:
    """One Transformer encoder layer (torch.nn.TransformerEncoderLayer with GELU and no dropout).

    x: (seq, d_model) or (batch, seq, d_model); params: a dict of arrays named as in that layer's
    state_dict. Returns an array of the same shape as x.
    """
    raise NotImplementedError
