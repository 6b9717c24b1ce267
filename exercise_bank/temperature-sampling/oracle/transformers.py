"""temperature-sampling through transformers' TemperatureLogitsWarper and torch's softmax and searchsorted.

`generate()` treats temperature 0 as greedy decoding (the warper itself refuses it), so the oracle does
too. `torch.searchsorted(cdf, u, right=True)` is the first index whose cumulative probability is > u.
"""

import numpy as np
import torch
from transformers.generation.logits_process import TemperatureLogitsWarper


def softmax_with_temperature(logits, temperature):
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    scores = torch.from_numpy(np.array(logits, dtype=np.float64))
    if temperature == 0:
        best = scores.argmax(dim=-1, keepdim=True)
        return torch.zeros_like(scores).scatter(-1, best, 1.0).numpy()
    rows = scores.reshape(-1, scores.shape[-1])
    warped = TemperatureLogitsWarper(float(temperature))(None, rows)
    return torch.softmax(warped, dim=-1).reshape(scores.shape).numpy()


def sample_token(logits, temperature, u):
    probs = torch.from_numpy(softmax_with_temperature(logits, temperature))
    draws = torch.as_tensor(np.asarray(u, dtype=np.float64))
    if draws.shape != probs.shape[:-1]:
        raise ValueError("u must have one draw per row")
    if bool(((draws < 0) | (draws >= 1)).any()):
        raise ValueError("u must be in [0, 1)")
    cdf = torch.cumsum(probs, dim=-1)
    tokens = torch.searchsorted(cdf, draws[..., None].contiguous(), right=True)[..., 0]
    # Rounding can leave the total a hair below u: take the last token with any probability.
    last = probs.shape[-1] - 1 - (probs > 0).flip(-1).to(torch.int8).argmax(dim=-1)
    tokens = torch.where(tokens < probs.shape[-1], tokens, last).numpy().astype(np.int64)
    return int(tokens) if tokens.ndim == 0 else tokens
