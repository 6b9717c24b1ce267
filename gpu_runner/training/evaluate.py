"""Metrics: classification accuracy / macro F1 and held-out perplexity, under the job's deadline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from gpu_runner.training.data import IGNORE_INDEX, collate, sequential_batches
from gpu_runner.training.loop import Deadline, autocast, to_device
from gpu_runner.training.runtime import DeviceInfo


def predict_classes(
    model: Any,
    seqs: Sequence[Sequence[int]],
    pad_id: int,
    batch_size: int,
    info: DeviceInfo,
    deadline: Deadline | None = None,
) -> list[int]:
    import torch

    predictions = [0] * len(seqs)
    model.eval()
    with torch.inference_mode():
        for indices in sequential_batches([len(s) for s in seqs], batch_size):
            if deadline is not None:
                deadline.check()
            batch = to_device(collate([seqs[i] for i in indices], pad_id), info)
            with autocast(info):
                logits = model(**batch).logits
            for index, label in zip(indices, logits.argmax(dim=-1).tolist(), strict=True):
                predictions[index] = label
    return predictions


def accuracy(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    return sum(int(a == b) for a, b in zip(y_true, y_pred, strict=True)) / max(1, len(y_true))


def f1_macro(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Unweighted mean of per-class F1 over the classes present in either list (sklearn's definition)."""
    classes = sorted(set(y_true) | set(y_pred))
    scores = []
    for c in classes:
        tp = sum(1 for a, b in zip(y_true, y_pred, strict=True) if a == c and b == c)
        fp = sum(1 for a, b in zip(y_true, y_pred, strict=True) if a != c and b == c)
        fn = sum(1 for a, b in zip(y_true, y_pred, strict=True) if a == c and b != c)
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / max(1, len(scores))


CLASSIFICATION_METRICS = {"accuracy": accuracy, "f1_macro": f1_macro}


def perplexity(
    model: Any,
    blocks: Sequence[Sequence[int]],
    pad_id: int,
    batch_size: int,
    info: DeviceInfo,
    deadline: Deadline | None = None,
    *,
    token_nll: dict[int, list[float]] | None = None,
) -> float:
    """exp(mean next-token negative log-likelihood over every held-out token), summed in fp32.

    With a `token_nll` dict, also fills token_nll[b] with the NLL of each predicted token of block b (its tokens 1
    to the end, in order), from the same logits, so a part of the held-out tokens can be scored alike."""
    import torch
    import torch.nn.functional as F

    total_nll = 0.0
    total_tokens = 0
    model.eval()
    with torch.inference_mode():
        for indices in sequential_batches([len(b) for b in blocks], batch_size):
            if deadline is not None:
                deadline.check()
            batch = to_device(collate([blocks[i] for i in indices], pad_id, causal=True), info)
            labels = batch.pop("labels")
            with autocast(info):
                logits = model(**batch).logits
            shift_logits = logits[:, :-1].float()
            shift_labels = labels[:, 1:]
            nll = F.cross_entropy(
                shift_logits.reshape(-1, shift_logits.shape[-1]),
                shift_labels.reshape(-1),
                ignore_index=IGNORE_INDEX,
                reduction="sum",
            )
            total_nll += float(nll)
            total_tokens += int((shift_labels != IGNORE_INDEX).sum())
            if token_nll is not None:
                per_token = F.cross_entropy(
                    shift_logits.transpose(1, 2), shift_labels, ignore_index=IGNORE_INDEX, reduction="none"
                )
                for row, index in enumerate(indices):
                    token_nll[index] = per_token[row, : len(blocks[index]) - 1].tolist()
    mean_nll = total_nll / max(1, total_tokens)
    # A diverged model (NaN/huge loss) has no meaningful perplexity; callers report it as None.
    return math.exp(mean_nll) if math.isfinite(mean_nll) and mean_nll < 700 else math.inf
