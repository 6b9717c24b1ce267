import numpy as np


def positional_encoding(seq_len: int, d_model: int) -> np.ndarray:
    """Return the (seq_len, d_model) sinusoidal positional encoding of "Attention Is All You Need"."""
    positions = np.arange(seq_len, dtype=np.float64)[:, None]
    even_columns = np.arange(0, d_model, 2, dtype=np.float64)
    angles = positions / np.power(10000.0, even_columns / d_model)
    pe = np.zeros((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return pe
