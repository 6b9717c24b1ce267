"""The model grader: prediction checks and metrics here, and whole jobs through run_job and the real sandbox."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from gpu_runner.bank import Bank, Exercise
from gpu_runner.datasets import SENTIMENT_PATH
from gpu_runner.graders import model
from gpu_runner.run import run_job
from gpu_runner.sandbox import CallResult
from gpu_runner.spec import ExerciseRef, JobResult, JobSpec, Limits
from gpu_runner.texts import english, message

MODEL_SLUGS = ("tabular-classifier", "sentiment-classifier", "kmeans-clustering", "digits-neural-network")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_test_{path.parent.name}_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _grade(bank: Bank, slug: str, source: str, *, limits: Limits | None = None, on_event: Any = None) -> JobResult:
    exercise = bank.get(slug)
    spec = JobSpec(
        job_id=f"test-{slug}",
        kind="model",
        exercise=ExerciseRef(slug=slug, sha256=exercise.sha256),
        payload={"source": source},
        limits=limits or exercise.limits,
        seed=1,
    )
    return run_job(spec, bank=bank, on_event=on_event)


def _data(labels: list[int] | None, y_test: list[int]) -> model.ModelData:
    y_train = None if labels is None else np.array(labels)
    return model.ModelData(
        X_train=np.zeros((len(labels or [0]), 1)),
        y_train=y_train,
        X_test=np.zeros((len(y_test), 1)),
        y_test=np.array(y_test, dtype=np.int64),
        train_labels=None if labels is None else frozenset(labels),
    )


# --- the checks on predictions ---------------------------------------------------------------------


def test_a_dict_is_rejected_with_the_type_it_was() -> None:
    array, problem = model.as_prediction_vector({"a": 1}, 3)
    assert array is None
    assert english(problem) == (
        "fit_predict must return a list or a 1-D NumPy array with one label per row of X_test; it returned dict."
    )


def test_probabilities_instead_of_labels_get_the_predict_proba_hint() -> None:
    _, problem = model.as_prediction_vector(np.full((45, 3), 1 / 3), 45)
    assert english(problem) == (
        "fit_predict must return a 1-D array of shape (45,), got shape (45, 3)."
        " It looks like class probabilities: return model.predict(X_test), not predict_proba."
    )


def test_a_column_vector_is_rejected_without_the_probability_hint() -> None:
    _, problem = model.as_prediction_vector(np.zeros((4, 1), dtype=np.int64), 4)
    assert english(problem) == "fit_predict must return a 1-D array of shape (4,), got shape (4, 1)."


def test_a_prediction_list_of_the_wrong_length_is_rejected() -> None:
    _, problem = model.as_prediction_vector([0, 1], 3)
    assert english(problem) == "fit_predict must return 3 predictions (one per row of X_test), got 2."


def test_a_ragged_nested_list_is_rejected() -> None:
    _, problem = model.as_prediction_vector([[0], [1, 2]], 2)
    assert english(problem) == (
        "fit_predict must return a list or a 1-D NumPy array with one label per row of X_test;"
        " it returned a ragged nested list."
    )


def test_integral_floats_and_bools_are_accepted_as_labels() -> None:
    labels, problem = model.as_labels(np.array([0.0, 1.0, 1.0]), frozenset({0, 1}))
    assert problem is None
    assert labels.tolist() == [0, 1, 1] and labels.dtype == np.int64
    labels, problem = model.as_labels(np.array([True, False]), frozenset({0, 1}))
    assert problem is None and labels.tolist() == [1, 0]


def test_fractional_scores_are_rejected_with_the_first_offending_index() -> None:
    _, problem = model.as_labels(np.array([1.0, 0.73, 0.2]), frozenset({0, 1}))
    assert english(problem) == (
        "The predictions must be integer class labels, got 0.73 at index 1."
        " Return labels such as [0, 1], not scores or probabilities."
    )


def test_nan_predictions_are_rejected() -> None:
    _, problem = model.as_labels(np.array([1.0, 0.0, np.nan]), frozenset({0, 1}))
    assert english(problem) == "The predictions contain NaN or infinity (first at index 2); return class labels."


def test_string_labels_are_rejected_with_the_value_shown() -> None:
    _, problem = model.as_labels(np.array(["pos", "neg"]), frozenset({0, 1}))
    assert english(problem) == (
        "The predictions must be integer class labels, got 'pos' at index 0."
        " Return labels such as [0, 1], not scores or probabilities."
    )


def test_labels_that_never_occur_in_training_are_rejected() -> None:
    _, problem = model.as_labels(np.array([0, 3, 1, 7]), frozenset({0, 1, 2}))
    assert (
        english(problem)
        == "The predictions contain label(s) 3, 7 that never occur in y_train (its labels are 0, 1, 2)."
    )


def test_any_integer_cluster_ids_are_fine_for_clustering() -> None:
    labels, problem = model.as_labels(np.array([17, -1, 17]), None)
    assert problem is None and labels.tolist() == [17, -1, 17]


# --- metrics, score and pass/fail --------------------------------------------------------------------


def test_metrics_are_computed_against_the_hidden_labels() -> None:
    y_true = np.array([0, 0, 1, 1])
    assert model.compute_metric("accuracy", y_true, np.array([0, 1, 1, 1])) == 0.75
    # F1(neg) = 2/3, F1(pos) = 0.8 -> macro 0.7333...
    assert model.compute_metric("f1_macro", y_true, np.array([0, 1, 1, 1])) == pytest.approx(11 / 15)
    # ARI ignores how clusters are numbered.
    assert model.compute_metric("ari", y_true, np.array([5, 5, 2, 2])) == 1.0


def test_a_passing_call_reports_metric_threshold_baseline_and_counts() -> None:
    data = _data([0, 0, 0, 1], [0, 0, 1, 1])
    call = CallResult(ok=True, value=np.array([0, 1, 1, 1]))
    checks, metrics, score, passed = model.grade_predictions(call, data, "accuracy", 0.7)
    assert passed is True and score == 0.75
    assert metrics == {
        "metric": "accuracy",
        "threshold": 0.7,
        "n_test": 4,
        "accuracy": 0.75,
        "baseline": 0.5,
        "predicted_counts": {"0": 1, "1": 3},
    }
    assert [c.name for c in checks] == [model.CHECK_RAN, model.CHECK_SHAPE, model.CHECK_LABELS, "accuracy >= 0.7"]
    assert checks[-1].message == (
        "accuracy 0.7500 on 4 hidden test examples; needs 0.7"
        " (always predicting the most common training label scores 0.5000)"
    )


def test_a_metric_below_the_threshold_fails_with_the_metric_as_score() -> None:
    data = _data([0, 1], [0, 0, 1, 1])
    _, metrics, score, passed = model.grade_predictions(CallResult(ok=True, value=[0, 1, 0, 1]), data, "accuracy", 0.75)
    assert passed is False and score == 0.5 and metrics["accuracy"] == 0.5


def test_a_negative_ari_scores_zero_but_is_reported_raw() -> None:
    data = _data(None, [0, 0, 1, 1, 2, 2])
    _, metrics, score, passed = model.grade_predictions(CallResult(ok=True, value=[0, 1, 2, 0, 1, 2]), data, "ari", 0.9)
    assert metrics["ari"] < 0 and score == 0.0 and passed is False
    assert metrics["baseline"] == 0.0


def test_a_raised_exception_is_one_failed_check_with_its_message() -> None:
    data = _data([0, 1], [0, 1])
    call = CallResult(ok=False, error_type="ValueError", error_message="Found array with 0 sample(s)")
    checks, _, score, passed = model.grade_predictions(call, data, "accuracy", 0.5)
    assert (score, passed) == (0.0, False)
    assert [(c.name, c.passed, c.message) for c in checks] == [
        (model.CHECK_RAN, False, "fit_predict raised ValueError: Found array with 0 sample(s)")
    ]


def test_metric_aliases_resolve_and_a_disagreement_with_the_grader_is_an_error(bank: Bank) -> None:
    exercise = bank.get("kmeans-clustering")
    grader = exercise.load_module("grader")
    assert model.resolve_metric(exercise, grader) == ("ari", 0.9)
    renamed = _with_metric(exercise, {"name": "adjusted_rand_score", "threshold": 0.8})
    assert model.resolve_metric(renamed, grader) == ("ari", 0.8)
    with pytest.raises(ValueError, match=r"grader.METRIC 'ari' disagrees with exercise.yaml 'accuracy'"):
        model.resolve_metric(_with_metric(exercise, {"name": "accuracy", "threshold": 0.8}), grader)


def _with_metric(exercise: Exercise, metric: dict[str, Any]) -> Exercise:
    from dataclasses import replace

    return replace(exercise, metric=metric)


def test_load_data_of_every_model_exercise_is_consistent(bank: Bank) -> None:
    shapes = {}
    for slug in MODEL_SLUGS:
        exercise = bank.get(slug)
        metric_name, _ = model.resolve_metric(exercise, exercise.load_module("grader"))
        data = model.load_model_data(exercise, exercise.load_module("grader"), metric_name)
        shapes[slug] = (
            len(data.X_train),
            len(data.X_test),
            None if data.train_labels is None else len(data.train_labels),
        )
    assert shapes == {
        "tabular-classifier": (133, 45, 3),
        "sentiment-classifier": (976, 324, 2),
        "kmeans-clustering": (400, 200, None),
        "digits-neural-network": (1347, 450, 10),
    }


# --- whole jobs through run_job and the sandbox --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("slug", MODEL_SLUGS)
def test_reference_passes_with_the_metric_it_scores_when_run_directly(bank: Bank, slug: str) -> None:
    exercise = bank.get(slug)
    reference_path = exercise.path / "reference.py"
    X_train, y_train, X_test, y_test = exercise.load_module("grader").load_data()
    metric_name, threshold = model.resolve_metric(exercise, exercise.load_module("grader"))
    direct = model.compute_metric(
        metric_name, np.asarray(y_test), np.asarray(_load(reference_path).fit_predict(X_train, y_train, X_test))
    )

    result = _grade(bank, slug, reference_path.read_text())

    assert result.error is None, result.error
    assert result.status == "passed"
    assert result.metrics[metric_name] == pytest.approx(direct, abs=1e-6)
    assert result.score == pytest.approx(min(max(direct, 0.0), 1.0), abs=1e-6)
    assert direct >= threshold
    assert all(check.passed for check in result.checks)


def _wrong_solutions() -> list[tuple[str, str]]:
    root = Path(__file__).resolve().parents[2] / "exercise_bank"
    return [(slug, path.name) for slug in MODEL_SLUGS for path in sorted((root / slug / "wrong").glob("*.py"))]


def test_every_model_exercise_has_at_least_two_wrong_solutions() -> None:
    counts = {slug: sum(1 for s, _ in _wrong_solutions() if s == slug) for slug in MODEL_SLUGS}
    assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "name"), _wrong_solutions())
def test_wrong_solution_fails(bank: Bank, slug: str, name: str) -> None:
    exercise = bank.get(slug)
    result = _grade(bank, slug, (exercise.path / "wrong" / name).read_text())
    assert result.error is None, result.error
    assert result.status == "failed"
    assert result.score < exercise.metric["threshold"]
    assert not result.checks[-1].passed


@pytest.mark.slow
def test_the_sandbox_gets_training_data_and_unlabelled_test_inputs_only(bank: Bank) -> None:
    source = (
        "def fit_predict(*args, **kwargs):\n"
        "    X_train, y_train, X_test = args\n"
        "    raise RuntimeError(f'{len(args)} {sorted(kwargs)} {len(X_train)} {len(y_train)} '\n"
        "                       f'{type(X_test).__name__} {len(X_test)} {type(X_test[0]).__name__}')\n"
    )
    result = _grade(bank, "sentiment-classifier", source)
    assert result.status == "failed"
    assert result.checks[0].message == "fit_predict raised RuntimeError: 3 [] 976 976 list 324 str"


@pytest.mark.slow
def test_the_sandbox_cannot_read_the_corpus_with_the_hidden_labels(bank: Bank) -> None:
    source = (
        "def fit_predict(X_train, y_train, X_test):\n"
        f"    with open({str(SENTIMENT_PATH)!r}, encoding='utf-8') as fh:\n"
        "        fh.read()\n"
        "    return [0] * len(X_test)\n"
    )
    result = _grade(bank, "sentiment-classifier", source)
    assert result.status == "failed"
    assert result.checks[0].message.startswith("fit_predict raised FileNotFoundError:")


@pytest.mark.slow
def test_returning_probabilities_fails_the_shape_check_with_a_hint(bank: Bank) -> None:
    exercise = bank.get("tabular-classifier")
    result = _grade(bank, "tabular-classifier", (exercise.path / "wrong" / "probabilities.py").read_text())
    assert result.status == "failed" and result.score == 0.0
    assert [(c.name, c.passed) for c in result.checks] == [(model.CHECK_RAN, True), (model.CHECK_SHAPE, False)]
    assert result.checks[1].message.endswith("return model.predict(X_test), not predict_proba.")


@pytest.mark.slow
def test_a_missing_fit_predict_is_a_failed_check_naming_it(bank: Bank) -> None:
    result = _grade(bank, "tabular-classifier", "def fit(X, y):\n    return None\n")
    assert result.status == "failed"
    assert result.checks[0].message.startswith("fit_predict raised NameError")


@pytest.mark.slow
def test_a_syntax_error_is_error_code_syntax(bank: Bank) -> None:
    result = _grade(bank, "tabular-classifier", "def fit_predict(X_train, y_train, X_test)\n    return []\n")
    assert result.status == "error"
    assert result.error is not None and result.error.code == "syntax"


@pytest.mark.slow
def test_an_endless_training_loop_is_error_code_timeout(bank: Bank) -> None:
    source = "def fit_predict(X_train, y_train, X_test):\n    while True:\n        pass\n"
    result = _grade(bank, "tabular-classifier", source, limits=Limits(cpu_s=1, wall_s=3, memory_mb=512, output_kb=64))
    assert result.status == "error"
    assert result.error is not None and result.error.code == "timeout"
    assert [(c.name, c.passed, c.message) for c in result.checks] == [
        (model.CHECK_RAN, False, "The run stopped: time limit exceeded.")
    ]
    assert result.checks[0].message_i18n == message("model.stopped", error=message("error_label.timeout"))


@pytest.mark.slow
def test_progress_events_bracket_the_run_and_carry_the_metric(bank: Bank) -> None:
    events: list[dict[str, Any]] = []
    source = "def fit_predict(X_train, y_train, X_test):\n    return [0] * len(X_test)\n"
    result = _grade(bank, "sentiment-classifier", source, on_event=events.append)
    assert result.status == "failed"
    assert events == [{"step": 0, "total": 1}, {"step": 1, "total": 1, "metric": result.metrics["f1_macro"]}]
    assert result.metrics["f1_macro"] == pytest.approx(1 / 3, abs=1e-6)
    assert result.metrics["predicted_counts"] == {"0": 324}
