# Mistake: each column uses its own index j in the exponent, so odd columns get 10000^((2i+1)/d)
# instead of sharing the frequency of their even partner.
import numpy as np


def positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    j = np.arange(d_model)[None, :]
    angles = pos / np.power(10000.0, j / d_model)
    pe = np.where(j % 2 == 0, np.sin(angles), np.cos(angles))
    return pe.astype(np.float64)
