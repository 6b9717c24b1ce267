import numpy as np


def softmax_with_temperature(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / temperature) along the last axis; temperature 0 puts all the mass on the first maximum."""
    raise NotImplementedError


def sample_token(logits: np.ndarray, temperature: float, u):
    """The token drawn by inverse-CDF sampling from softmax(logits / temperature) with the uniform draw u.

    The first token (in vocabulary order) whose cumulative probability exceeds u. One row: an int;
    a batch (..., vocab) with u of shape (...): an int64 array.
    """
    raise NotImplementedError
