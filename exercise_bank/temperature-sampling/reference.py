import numpy as np


def softmax_with_temperature(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / temperature) along the last axis; temperature 0 puts all the mass on the first maximum."""
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    logits = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        best = np.argmax(logits, axis=-1)[..., None]
        return (np.arange(logits.shape[-1]) == best).astype(np.float64)
    scaled = logits / temperature
    exp = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def sample_token(logits: np.ndarray, temperature: float, u):
    """The token drawn by inverse-CDF sampling from softmax(logits / temperature) with the uniform draw u.

    The first token (in vocabulary order) whose cumulative probability exceeds u. One row: an int;
    a batch (..., vocab) with u of shape (...): an int64 array.
    """
    probs = softmax_with_temperature(logits, temperature)
    u_arr = np.asarray(u, dtype=np.float64)
    if u_arr.shape != probs.shape[:-1]:
        raise ValueError(f"u must have shape {probs.shape[:-1]}, got {u_arr.shape}")
    if np.any((u_arr < 0) | (u_arr >= 1)):
        raise ValueError("u must be in [0, 1)")
    cdf = np.cumsum(probs, axis=-1)
    above = cdf > u_arr[..., None]
    # Rounding can leave the total a hair below u: then take the last token that has any probability.
    last_possible = probs.shape[-1] - 1 - np.argmax((probs > 0)[..., ::-1], axis=-1)
    tokens = np.where(above.any(axis=-1), np.argmax(above, axis=-1), last_possible).astype(np.int64)
    return int(tokens) if tokens.ndim == 0 else tokens
