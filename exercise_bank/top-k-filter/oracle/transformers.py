"""Oracle: Hugging Face's TopKLogitsWarper, the filter behind `generate(top_k=...)` (ties at the threshold kept)."""

import torch
from transformers import TopKLogitsWarper


def top_k_filter(logits, k):
    scores = torch.as_tensor(logits, dtype=torch.float64)
    if k > scores.shape[-1]:
        # The warper quietly lowers k to the vocabulary size; the statement asks for a ValueError.
        raise ValueError(f"k must be between 1 and {scores.shape[-1]}, got {k}")
    # The warper refuses k < 1 itself with a ValueError; input_ids are not used by it.
    return TopKLogitsWarper(top_k=k)(None, scores).numpy()
