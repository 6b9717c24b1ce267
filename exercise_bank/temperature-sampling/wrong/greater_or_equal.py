# Mistake: takes the first token whose running total is >= u (not > u), so with u = 0 a token of
# probability 0 (a -inf logit) can be drawn.
import numpy as np


def softmax_with_temperature(logits, temperature):
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    logits = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return (np.arange(logits.shape[-1]) == np.argmax(logits, axis=-1)[..., None]).astype(np.float64)
    scaled = logits / temperature
    exp = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def sample_token(logits, temperature, u):
    probs = softmax_with_temperature(logits, temperature)
    u = np.asarray(u, dtype=np.float64)
    if np.any((u < 0) | (u >= 1)):
        raise ValueError("u must be in [0, 1)")
    above = np.cumsum(probs, axis=-1) >= u[..., None]
    tokens = np.argmax(above, axis=-1).astype(np.int64)
    return int(tokens) if tokens.ndim == 0 else tokens
