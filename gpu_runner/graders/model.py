"""Grades a model exercise: the learner trains and predicts in the sandbox, the metric is computed here.

The exercise's `grader.py` provides `load_data() -> (X_train, y_train, X_test, y_test)` and `METRIC`.
The sandbox receives `X_train`, `y_train` and `X_test` and calls the learner's
`fit_predict(X_train, y_train, X_test)`; the hidden `y_test` never leaves this process. The returned
predictions are checked (one per test example, 1-D, integer labels that occur in `y_train`) and the
metric is computed here against `y_test`.

Score: the metric clipped to 0..1 (accuracy and macro F1 already are; ARI can be negative). The job
passes when the raw metric reaches `metric.threshold` from exercise.yaml (falling back to
`pass_threshold`). `metrics` reports the raw value, the threshold and a naive baseline (always
predicting the most common training label; for clustering, one cluster for everything).

Predictions that are not one label per example (a tag per token, a ranking per question) are loaded and
graded by `model_structured.py`, for the metrics it lists in `TASKS` (`entity_f1`, `recall_at_5`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from gpu_runner.graders.compare import error_repr, type_name
from gpu_runner.graders.libraries import forbidden_result
from gpu_runner.graders.model_structured import TASKS
from gpu_runner.leaderboard import split_scores
from gpu_runner.spec import Check, JobResult
from gpu_runner.texts import MESSAGES, Text, message

ENTRY = "fit_predict"
MAX_COUNTS = 20  # labels listed in metrics["predicted_counts"]

MISSING_SOURCE = "The submission has no Python source text (payload field `source`)."
CHECK_RAN = MESSAGES["model.check_ran"]
CHECK_SHAPE = MESSAGES["model.check_shape"]
CHECK_LABELS = MESSAGES["model.check_labels"]

METRIC_ALIASES: dict[str, str] = {
    "accuracy": "accuracy",
    "f1_macro": "f1_macro",
    "ari": "ari",
    "adjusted_rand_score": "ari",
    # Structured predictions, loaded and graded by model_structured.py.
    "entity_f1": "entity_f1",
    "recall_at_5": "recall_at_5",
}


@dataclass(frozen=True)
class ModelData:
    """What grader.load_data returned, checked and with the hidden labels as an int array."""

    X_train: Any
    y_train: Any
    X_test: Any
    y_test: np.ndarray
    train_labels: frozenset[int] | None  # None for clustering: any integer cluster ids are fine


def run(spec: Any, exercise: Any, *, on_event: Callable[[dict], None] | None = None) -> JobResult:
    from gpu_runner.sandbox import Call, SandboxLimits, run_calls

    source = spec.payload.get("source")
    if not isinstance(source, str):
        return JobResult.failure(spec.job_id, "internal", MISSING_SOURCE)

    grader = exercise.load_module("grader")
    metric_name, threshold = resolve_metric(exercise, grader)
    task = TASKS.get(metric_name)
    data = task[0](exercise, grader) if task else load_model_data(exercise, grader, metric_name)

    if on_event is not None:
        on_event({"step": 0, "total": 1})
    limits = SandboxLimits.of(spec.limits)
    # The hidden labels stay here: only the training data and the unlabelled test inputs cross over.
    call = Call(ENTRY, (data.X_train, data.y_train, data.X_test))
    result = run_calls(source, [call], limits, forbidden=exercise.libraries.forbidden, requires=exercise.requires)

    extra: dict[str, Any] = {
        "stdout_tail": result.stdout_tail,
        "stderr_tail": result.stderr_tail,
        "usage": dict(result.usage),
        "runtime": {"isolation": result.isolation},
    }
    if result.error_code is not None:
        stopped = message("model.stopped", error=message(f"error_label.{result.error_code}"))
        extra["checks"] = [Check.of(message("model.check_ran"), False, stopped)]
    if result.forbidden:
        return forbidden_result(spec.job_id, result.forbidden, exercise.libraries.allowed, **extra)
    if result.error_code is not None:
        detail = result.error_text or result.error_detail
        return JobResult.failure(spec.job_id, result.error_code, detail, kind="model", **extra)

    returned = result.calls[0] if result.calls else None
    split = (spec.split_key, spec.exercise.slug)
    if task:
        checks, metrics, score, passed = task[1](returned, data, threshold, split=split)
    else:
        checks, metrics, score, passed = grade_predictions(returned, data, metric_name, threshold, split=split)
    if on_event is not None and metric_name in metrics:
        on_event({"step": 1, "total": 1, "metric": metrics[metric_name]})
    status = "passed" if passed else "failed"
    return JobResult(job_id=spec.job_id, status=status, score=score, checks=checks, metrics=metrics, **extra)


def resolve_metric(exercise: Any, grader: Any) -> tuple[str, float]:
    """The metric's canonical name and pass threshold; exercise.yaml and grader.METRIC must agree."""
    from_grader = getattr(grader, "METRIC", None)
    declared = exercise.metric or {}
    name = declared.get("name", from_grader)
    if name not in METRIC_ALIASES:
        raise ValueError(f"{exercise.path}: unknown metric {name!r}; expected one of {', '.join(METRIC_ALIASES)}")
    canonical = METRIC_ALIASES[name]
    if from_grader is not None and METRIC_ALIASES.get(from_grader) != canonical:
        raise ValueError(f"{exercise.path}: grader.METRIC {from_grader!r} disagrees with exercise.yaml {name!r}")
    threshold = float(declared.get("threshold", exercise.pass_threshold))
    return canonical, threshold


def load_model_data(exercise: Any, grader: Any, metric_name: str) -> ModelData:
    X_train, y_train, X_test, y_test = grader.load_data()
    where = f"{exercise.path}/grader.py: load_data"
    if len(X_test) != len(y_test):
        raise ValueError(f"{where} returned {len(X_test)} test inputs but {len(y_test)} test labels")
    if y_train is not None and len(X_train) != len(y_train):
        raise ValueError(f"{where} returned {len(X_train)} training inputs but {len(y_train)} training labels")
    y_test_array = np.asarray(y_test)
    if y_test_array.ndim != 1 or y_test_array.dtype.kind not in "iu":
        raise ValueError(f"{where}: y_test must be a 1-D sequence of integers")
    if metric_name == "ari":
        train_labels = None
    else:
        if y_train is None:
            raise ValueError(f"{where}: a {metric_name} exercise needs y_train")
        train_labels = frozenset(int(v) for v in np.asarray(y_train).tolist())
    return ModelData(X_train, y_train, X_test, y_test_array.astype(np.int64), train_labels)


def grade_predictions(
    call: Any, data: ModelData, metric_name: str, threshold: float, *, split: tuple[str, str] = ("", "")
) -> tuple[list[Check], dict[str, Any], float, bool]:
    """Checks, metrics, score and pass/fail for one CallResult of fit_predict.

    `split` is (leaderboard key, slug): with a key, metrics carry `public_score` and `private_score`, the score
    (the metric clipped to 0..1) on each part of the hidden rows; the verdict stays the whole set's."""
    n_test = len(data.y_test)
    metrics: dict[str, Any] = {"metric": metric_name, "threshold": threshold, "n_test": n_test}
    ran, shape, valid = message("model.check_ran"), message("model.check_shape"), message("model.check_labels")
    if call is None or not call.ok:
        problem = (
            message("model.returned_nothing") if call is None else message("model.raised", error=error_repr(call, 300))
        )
        return [Check.of(ran, False, problem)], metrics, 0.0, False
    checks = [Check.of(ran, True)]

    predictions, shape_problem = as_prediction_vector(call.value, n_test)
    if shape_problem is not None:
        return [*checks, Check.of(shape, False, shape_problem)], metrics, 0.0, False
    checks.append(Check.of(shape, True))

    labels, label_problem = as_labels(predictions, data.train_labels)
    if label_problem is not None:
        return [*checks, Check.of(valid, False, label_problem)], metrics, 0.0, False
    checks.append(Check.of(valid, True))

    value = compute_metric(metric_name, data.y_test, labels)
    baseline, baseline_text = naive_baseline(metric_name, data)
    passed = value >= threshold - 1e-12
    unique, counts = np.unique(labels, return_counts=True)
    metrics.update(
        {
            metric_name: round(value, 6),
            "baseline": round(baseline, 6),
            # How often each label was predicted: shows at a glance a model that predicts one class only.
            "predicted_counts": {str(int(u)): int(c) for u, c in zip(unique[:MAX_COUNTS], counts[:MAX_COUNTS])},
        }
    )
    metrics.update(split_scores(partial(clipped_metric, metric_name), data.y_test, labels, key=split[0], slug=split[1]))
    metric = message(f"metric.{metric_name}")
    report = message(
        "model.metric_report",
        metric=metric,
        value=f"{value:.4f}",
        n=n_test,
        threshold=f"{threshold:g}",
        baseline_text=baseline_text,
        baseline=f"{baseline:.4f}",
    )
    checks.append(Check.of(message("model.check_metric", metric=metric, threshold=f"{threshold:g}"), passed, report))
    return checks, metrics, float(min(max(value, 0.0), 1.0)), passed


def as_prediction_vector(value: Any, n_test: int) -> tuple[np.ndarray | None, Text | None]:
    """The predictions as a 1-D array of length n_test, or a learner-facing reason why not."""
    if not isinstance(value, (list, tuple, np.ndarray)):
        return None, message("model.not_an_array", type=type_name(value))
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        return None, message("model.not_an_array", type=message("model.ragged"))
    if array.ndim != 1:
        looks_like_probabilities = (
            array.ndim == 2 and array.shape[0] == n_test and array.shape[1] > 1 and array.dtype.kind == "f"
        )
        key = "model.wrong_ndim_probabilities" if looks_like_probabilities else "model.wrong_ndim"
        return None, message(key, n=n_test, shape=str(array.shape))
    if len(array) != n_test:
        return None, message("model.wrong_length", n=n_test, got=len(array))
    return array, None


def as_labels(predictions: np.ndarray, known: frozenset[int] | None) -> tuple[np.ndarray | None, Text | None]:
    """Integer labels (integral floats and bools accepted), all in `known` when given."""
    example = str(sorted(known)[:3] if known else [0, 1, 2])
    kind = predictions.dtype.kind
    if kind in "biu":
        labels = predictions.astype(np.int64)
    elif kind == "f":
        finite = np.isfinite(predictions)
        if not finite.all():
            return None, message("model.not_finite", index=int(np.argmin(finite)))
        integral = predictions == np.round(predictions)
        if not integral.all():
            index = int(np.argmin(integral))
            return None, message(
                "model.not_integers", value=repr(float(predictions[index])), index=index, example=example
            )
        labels = predictions.astype(np.int64)
    else:
        index = next((i for i, v in enumerate(predictions.tolist()) if not _is_int_like(v)), 0)
        value = predictions.tolist()[index]
        return None, message("model.not_integers", value=repr(value), index=index, example=example)
    if known is not None:
        bad = sorted(set(labels.tolist()) - known)
        if bad:
            shown = ", ".join(map(str, bad[:5])) + (", ..." if len(bad) > 5 else "")
            return None, message("model.unknown_labels", bad=shown, known=", ".join(map(str, sorted(known))))
    return labels, None


def compute_metric(name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score

    if name == "accuracy":
        return float(accuracy_score(y_true, y_pred))
    if name == "f1_macro":
        return float(f1_score(y_true, y_pred, average="macro", zero_division=0))
    if name == "ari":
        return float(adjusted_rand_score(y_true, y_pred))
    raise ValueError(f"unknown metric {name!r}")


def clipped_metric(name: str, y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The score of a part: the metric clipped to 0..1, as the whole set's score is."""
    return float(min(max(compute_metric(name, y_true, y_pred), 0.0), 1.0))


def naive_baseline(name: str, data: ModelData) -> tuple[float, Text]:
    """What a model that learned nothing scores, so the learner can see how far above it they are."""
    if name == "ari" or data.y_train is None:
        constant = np.zeros(len(data.y_test), dtype=np.int64)
        return compute_metric(name, data.y_test, constant), message("model.baseline_one_cluster")
    train = np.asarray(data.y_train).astype(np.int64)
    values, counts = np.unique(train, return_counts=True)
    majority = int(values[np.argmax(counts)])
    constant = np.full(len(data.y_test), majority, dtype=np.int64)
    return compute_metric(name, data.y_test, constant), message("model.baseline_majority")


def _is_int_like(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)
