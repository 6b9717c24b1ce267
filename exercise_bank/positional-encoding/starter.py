import numpy as np


def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    """Return the (seq_len, d_model) sinusoidal positional encoding of "Attention Is All You Need"."""
    raise NotImplementedError
