"""top-p-filter through transformers' TopPLogitsWarper (the warper `generate(top_p=...)` uses).

The warper keeps the same nucleus, but inside a tie at its boundary it keeps whichever tied tokens its
sort happens to put first; the statement keeps every tied token, so the warper's smallest kept logit
becomes the threshold for the whole row.
"""

import numpy as np
import torch
from transformers.generation.logits_process import TopPLogitsWarper


def top_p_filter(logits, p):
    warper = TopPLogitsWarper(top_p=p)  # raises ValueError outside [0, 1]
    scores = torch.from_numpy(np.array(logits, dtype=np.float64))
    rows = scores.reshape(-1, scores.shape[-1])
    kept = warper(None, rows) > -torch.inf
    threshold = torch.where(kept, rows, torch.inf).min(dim=-1, keepdim=True).values
    filtered = torch.where(rows >= threshold, rows, -torch.inf)
    return filtered.reshape(scores.shape).numpy()
