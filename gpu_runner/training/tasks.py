"""One fine-tuning job end to end: data, model, training, final evaluation on the hidden split.

`run_classification` and `run_causal_lm` return a `TaskOutcome`; graders/finetune.py turns it into a
JobResult. A `DeadlineReached` raised before training (loading, the base model's perplexity) or after
it (the final evaluation) is turned into a timed-out outcome here too, keeping the curve so far.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gpu_runner.models import ModelRegistry, offline
from gpu_runner.training import data as D
from gpu_runner.training.config import LORA
from gpu_runner.training.evaluate import CLASSIFICATION_METRICS, perplexity, predict_classes
from gpu_runner.training.loop import Deadline, DeadlineReached, LoopResult, finite, freeze_first_layers, train
from gpu_runner.training.lora import apply_lora
from gpu_runner.training.runtime import DeviceInfo, peak_memory_mb, reset_peak_memory

VALIDATION_SEED = 1234  # the validation split is part of the exercise, not of the learner's seed


@dataclass
class TaskOutcome:
    metrics: dict[str, Any] = field(default_factory=dict)
    curve: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # runtime facts: speed, memory, timings
    timed_out: bool = False
    stage: str = ""  # where the time ran out: loading | baseline | training | evaluation
    # A classification job's predicted label per test example (for the leaderboards' public/private split).
    test_predictions: list[int] | None = None
    # A causal LM job's held-out tokens, for the same split by text: see LMTokens.
    test_tokens: LMTokens | None = None


@dataclass(frozen=True)
class LMTokens:
    """Each predicted held-out token's text (index into the test texts) and its NLL before and after training, in
    the order of the evaluation blocks: a part's perplexity is exp of its tokens' mean NLL, as the whole's is."""

    texts: list[int]
    before: list[float]
    after: list[float]


def _split_validation(n: int, fraction: float) -> tuple[list[int], list[int]]:
    order = list(range(n))
    random.Random(VALIDATION_SEED).shuffle(order)
    n_val = round(n * fraction)
    return sorted(order[n_val:]), sorted(order[:n_val])


def _quiet() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def _pad_id(tokenizer: Any) -> int:
    for candidate in (tokenizer.pad_token_id, tokenizer.eos_token_id, 0):
        if candidate is not None:
            return int(candidate)
    return 0


def _max_length(model: Any, requested: int) -> int:
    """The learner's max_seq_length, capped at the model's position table (e.g. 256 for the tiny models)."""
    config = model.config
    limit = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
    return min(requested, int(limit)) if limit else requested


def _epoch_batches(
    seqs: list[list[int]],
    labels: list[int] | None,
    pad_id: int,
    batch_size: int,
    seed: int,
    info: DeviceInfo,
    causal: bool,
) -> Callable[[int], list[dict[str, Any]]]:
    lengths = [len(s) for s in seqs]
    multiple = 8 if info.is_cuda else 1  # tensor-core friendly shapes on GPU; no waste on CPU

    def make(epoch: int) -> list[dict[str, Any]]:
        rng = random.Random(seed * 1000 + epoch)
        batches = D.length_grouped_batches(lengths, batch_size, rng)
        return [
            D.collate(
                [seqs[i] for i in b],
                pad_id,
                labels=None if labels is None else [labels[i] for i in b],
                causal=causal,
                multiple_of=multiple,
            )
            for b in batches
        ]

    return make


def _finish(
    outcome: TaskOutcome, loop: LoopResult | None, info: DeviceInfo, started: float, *, timed_out: bool = False
) -> TaskOutcome:
    """The outcome with the loop's curve and counts and the job's facts; `timed_out`: the deadline ended it early."""
    if timed_out:
        outcome.timed_out = True
    if loop is not None:
        outcome.curve = loop.curve
        outcome.metrics.update({"steps": loop.steps, "total_steps": loop.total_steps, "train_samples": loop.samples})
        outcome.facts.update(
            {
                "train_s": loop.train_s,
                "samples_per_s": loop.samples_per_s,
                "tokens_per_s": round(loop.tokens / loop.train_s, 1) if loop.train_s > 0 else 0.0,
            }
        )
    outcome.facts["peak_memory_mb"] = peak_memory_mb(info)
    outcome.facts["job_s"] = round(time.monotonic() - started, 3)
    return outcome


def _pretrained(
    model_class: Any,
    cfg: dict[str, Any],
    registry: ModelRegistry,
    info: DeviceInfo,
    outcome: TaskOutcome,
    **kwargs: Any,
) -> tuple[Any, Any, int]:
    """The learner's chosen model and its tokenizer from the local registry (nothing is downloaded), in fp32 master
    weights (bf16 only inside autocast: the cached SmolLM2 folder is stored in bf16), on the device, its first
    layers frozen as asked. Returns (tokenizer, model, pad id); records frozen layers and the sequence length."""
    import torch
    from transformers import AutoTokenizer

    path = registry.local_path(cfg["model"])
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    # The seed fixes a new head's initial weights too (a classification head is drawn when the model loads).
    torch.manual_seed(cfg["seed"])
    model = model_class.from_pretrained(path, local_files_only=True, dtype=torch.float32, **kwargs)
    pad = _pad_id(tokenizer)
    model.to(info.device)
    outcome.metrics["frozen_layers"] = freeze_first_layers(model, cfg["freeze_layers"])
    outcome.metrics["max_seq_length"] = _max_length(model, cfg["max_seq_length"])
    return tokenizer, model, pad


def _classification_splits(
    tokenizer: Any, dataset: D.ClassificationData, max_len: int, options: dict[str, Any]
) -> tuple[list[list[int]], list[int], list[list[int]], list[int], list[list[int]]]:
    """Token ids of the training split (less a validation share, fixed per exercise) and of the hidden test split."""
    train_seqs = D.encode(tokenizer, dataset.train_texts, max_len)
    test_seqs = D.encode(tokenizer, dataset.test_texts, max_len)
    fit_idx, val_idx = _split_validation(len(train_seqs), float(options.get("validation_fraction", 0.1)))
    return (
        [train_seqs[i] for i in fit_idx],
        [dataset.train_labels[i] for i in fit_idx],
        [train_seqs[i] for i in val_idx],
        [dataset.train_labels[i] for i in val_idx],
        test_seqs,
    )


def run_classification(
    *,
    cfg: dict[str, Any],
    dataset: D.ClassificationData,
    registry: ModelRegistry,
    info: DeviceInfo,
    deadline: Deadline,
    metric: str,
    options: dict[str, Any],
    on_event: Callable[[dict[str, Any]], None] | None,
) -> TaskOutcome:
    offline()
    from transformers import AutoModelForSequenceClassification

    _quiet()
    started = time.monotonic()
    outcome = TaskOutcome(stage="loading")
    loop: LoopResult | None = None
    score_fn = CLASSIFICATION_METRICS[metric]
    reset_peak_memory(info)
    try:
        names = dataset.label_names
        tokenizer, model, pad = _pretrained(
            AutoModelForSequenceClassification,
            cfg,
            registry,
            info,
            outcome,
            num_labels=len(names),
            id2label=dict(enumerate(names)),
            label2id={n: i for i, n in enumerate(names)},
        )
        if model.config.pad_token_id is None:
            model.config.pad_token_id = pad
        deadline.check()
        fit_seqs, fit_labels, val_seqs, val_labels, test_seqs = _classification_splits(
            tokenizer, dataset, outcome.metrics["max_seq_length"], options
        )
        eval_bs = int(options.get("eval_batch_size", 64))

        def validate() -> float:
            return score_fn(val_labels, predict_classes(model, val_seqs, pad, eval_bs, info, deadline))

        outcome.stage = "training"
        batches = _epoch_batches(fit_seqs, fit_labels, pad, cfg["batch_size"], cfg["seed"], info, causal=False)
        loop = _train(model, batches, len(fit_seqs), cfg, info, deadline, validate if val_seqs else None, on_event)
        if loop.timed_out:
            return _finish(outcome, loop, info, started, timed_out=True)
        outcome.stage = "evaluation"
        predictions = outcome.test_predictions = predict_classes(model, test_seqs, pad, eval_bs, info, deadline)
    except DeadlineReached:
        return _finish(outcome, loop, info, started, timed_out=True)
    for name, fn in CLASSIFICATION_METRICS.items():
        outcome.metrics[name] = round(fn(dataset.test_labels, predictions), 6)
    if loop.last_eval is not None:
        outcome.metrics[f"val_{metric}"] = finite(loop.last_eval, 6)
    outcome.metrics["test_examples"] = len(test_seqs)
    return _finish(outcome, loop, info, started)


def _train(
    model: Any,
    batches: Any,
    examples: int,
    cfg: dict[str, Any],
    info: DeviceInfo,
    deadline: Deadline,
    evaluate: Callable[[], float] | None,
    on_event: Callable[[dict[str, Any]], None] | None,
) -> LoopResult:
    """The training loop with the learner's configuration: the same call for every task."""
    return train(
        model,
        batches,
        steps_per_epoch=-(-examples // cfg["batch_size"]),
        epochs=cfg["epochs"],
        learning_rate=cfg["learning_rate"],
        weight_decay=cfg["weight_decay"],
        warmup_ratio=cfg["warmup_ratio"],
        info=info,
        deadline=deadline,
        evaluate=evaluate,
        on_event=on_event,
    )


def _lm_blocks(
    tokenizer: Any, dataset: D.LMData, max_len: int, eval_block: int, options: dict[str, Any]
) -> tuple[list[list[int]], list[list[int]], list[list[int]], list[list[int]]]:
    """Training blocks (less a validation share, fixed per exercise), validation and hidden test blocks, and the
    text each test token comes from."""
    fit_idx, val_idx = _split_validation(len(dataset.train_texts), float(options.get("validation_fraction", 0.1)))
    fit_texts = [dataset.train_texts[i] for i in fit_idx]
    fit_blocks = D.lm_blocks(tokenizer, fit_texts, max_len, drop_last=True)
    if not fit_blocks:  # a corpus shorter than one block: train on the short tail rather than nothing
        fit_blocks = D.lm_blocks(tokenizer, fit_texts, max_len, drop_last=False)
    val_blocks = D.lm_blocks(tokenizer, [dataset.train_texts[i] for i in val_idx], eval_block, drop_last=False)
    test_blocks, test_owners = D.lm_blocks_owned(tokenizer, dataset.test_texts, eval_block, drop_last=False)
    return fit_blocks, val_blocks, test_blocks, test_owners


def run_causal_lm(
    *,
    cfg: dict[str, Any],
    dataset: D.LMData,
    registry: ModelRegistry,
    info: DeviceInfo,
    deadline: Deadline,
    options: dict[str, Any],
    on_event: Callable[[dict[str, Any]], None] | None,
    adapter: str | None = None,
) -> TaskOutcome:
    """Fine-tune a decoder (all its weights, or with `adapter` "lora" only LoRA adapters on a frozen model) and
    measure held-out perplexity before and after. Raises AdapterConfigError for LoRA targets the model lacks."""
    offline()
    import torch
    from transformers import AutoModelForCausalLM

    _quiet()
    started = time.monotonic()
    outcome = TaskOutcome(stage="loading")
    loop: LoopResult | None = None
    reset_peak_memory(info)
    try:
        tokenizer, model, pad = _pretrained(AutoModelForCausalLM, cfg, registry, info, outcome)
        if adapter == LORA:
            torch.manual_seed(cfg["seed"])  # the adapters' random A matrices
            model, adapter_facts = apply_lora(model, cfg, cfg["model"])
            outcome.metrics.update(adapter_facts)
        eval_block = _max_length(model, int(options.get("eval_block", 128)))
        eval_bs = int(options.get("eval_batch_size", 16))
        fit_blocks, val_blocks, test_blocks, test_owners = _lm_blocks(
            tokenizer, dataset, outcome.metrics["max_seq_length"], eval_block, options
        )
        deadline.check()

        outcome.stage = "baseline"
        nll_before: dict[int, list[float]] = {}
        ppl_before = perplexity(model, test_blocks, pad, eval_bs, info, deadline, token_nll=nll_before)
        outcome.metrics["ppl_before"] = finite(ppl_before, 4)

        def validate() -> float:
            return perplexity(model, val_blocks, pad, eval_bs, info, deadline)

        outcome.stage = "training"
        torch.manual_seed(cfg["seed"])
        batches = _epoch_batches(fit_blocks, None, pad, cfg["batch_size"], cfg["seed"], info, causal=True)
        loop = _train(model, batches, len(fit_blocks), cfg, info, deadline, validate if val_blocks else None, on_event)
        if loop.timed_out:
            return _finish(outcome, loop, info, started, timed_out=True)
        outcome.stage = "evaluation"
        nll_after: dict[int, list[float]] = {}
        ppl_after = perplexity(model, test_blocks, pad, eval_bs, info, deadline, token_nll=nll_after)
    except DeadlineReached:
        return _finish(outcome, loop, info, started, timed_out=True)
    outcome.test_tokens = lm_tokens(test_owners, nll_before, nll_after)
    return _finish(_lm_metrics(outcome, ppl_before, ppl_after, loop, test_blocks), loop, info, started)


def _lm_metrics(
    outcome: TaskOutcome, ppl_before: float, ppl_after: float, loop: LoopResult, test_blocks: list[list[int]]
) -> TaskOutcome:
    outcome.metrics["ppl_after"] = finite(ppl_after, 4)
    # None when training diverged (or the base model's perplexity is unusable): graded as a fail.
    ratio = ppl_after / ppl_before if math.isfinite(ppl_before) and ppl_before > 0 else math.inf
    outcome.metrics["ppl_ratio"] = finite(ratio, 6)
    if loop.last_eval is not None:
        outcome.metrics["val_perplexity"] = finite(loop.last_eval, 4)
    outcome.metrics["test_tokens"] = sum(len(b) for b in test_blocks)
    return outcome


def lm_tokens(owners: list[list[int]], before: dict[int, list[float]], after: dict[int, list[float]]) -> LMTokens:
    """Block b's token j (j >= 1) is predicted, and counts for the text it belongs to, owners[b][j]."""
    blocks = range(len(owners))
    return LMTokens(
        texts=[text for b in blocks for text in owners[b][1:]],
        before=[nll for b in blocks for nll in before[b]],
        after=[nll for b in blocks for nll in after[b]],
    )
