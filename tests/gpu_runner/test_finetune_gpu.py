"""Fine-tuning on a CUDA device: precision, determinism, and the exercises' reference/wrong configurations.

Skipped where there is no CUDA device; `scripts/gpu_check.sh` runs them (with the benchmark) on a GPU worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from gpu_runner.bank import Bank, Exercise
from gpu_runner.datasets import lm_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_bert
from gpu_runner.spec import ExerciseRef, JobSpec, Limits

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


@pytest.fixture(scope="module")
def tiny_registry(tmp_path_factory: pytest.TempPathFactory) -> ModelRegistry:
    path = build_tiny_bert(tmp_path_factory.mktemp("tiny") / "bert", lm_corpus()[0])
    return ModelRegistry.from_dirs({"tiny-bert": path})


def _spec(exercise: Exercise, config: dict[str, Any], wall_s: float = 300.0) -> JobSpec:
    return JobSpec(
        job_id="gpu-1",
        kind="finetune",
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"config": config},
        limits=Limits(cpu_s=900, wall_s=wall_s, memory_mb=16384),
        device="cuda",
    )


def test_cuda_jobs_train_under_bf16_autocast_with_the_fused_optimizer(tiny_registry: ModelRegistry, bank: Bank) -> None:
    from gpu_runner.training.loop import build_optimizer
    from gpu_runner.training.runtime import pick_device, tf32_enabled

    info = pick_device("cuda")
    assert info.autocast_dtype == torch.bfloat16 and tf32_enabled()
    optimizer = build_optimizer(torch.nn.Linear(4, 4).cuda(), 1e-3, 0.0, info)
    assert all(group["fused"] for group in optimizer.param_groups)

    exercise = bank.get("finetune-bert-sentiment")
    config = {"model": "tiny-bert", "learning_rate": 1e-3, "epochs": 2, "batch_size": 32, "seed": 5}
    result = finetune.run(_spec(exercise, config), exercise, registry=tiny_registry)
    assert result.error is None, result.error
    assert result.runtime["device_type"] == "cuda" and result.runtime["precision"] == "bf16-autocast"
    assert result.runtime["device"] == torch.cuda.get_device_name()
    assert 0 < result.runtime["peak_memory_mb"] < 4096


def test_same_config_and_seed_on_the_gpu_gives_the_same_metric(tiny_registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get("finetune-bert-sentiment")
    config = {"model": "tiny-bert", "learning_rate": 1e-3, "epochs": 2, "batch_size": 32, "seed": 5}
    first = finetune.run(_spec(exercise, config), exercise, registry=tiny_registry)
    second = finetune.run(_spec(exercise, config), exercise, registry=tiny_registry)
    assert first.metrics["accuracy"] == pytest.approx(second.metrics["accuracy"], abs=0.01)
    assert [p["loss"] for p in first.curve] == pytest.approx([p["loss"] for p in second.curve], abs=1e-2)


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["finetune-bert-sentiment", "finetune-gpt-text"])
def test_reference_config_passes_and_wrong_configs_fail_on_the_real_models(
    slug: str, bank: Bank, tmp_path: Path
) -> None:
    exercise = bank.get(slug)
    model = exercise.options["reference_config"]["model"]
    if model not in ModelRegistry.default():
        # A GPU host without the model's package (scripts/gpu_check.sh carries MiniLM as a folder; the
        # SmolLM2 GGUF is too big to carry to the lent GPU machine).
        pytest.skip(f"{model} is not on this worker")
    reference = finetune.run(_spec(exercise, exercise.options["reference_config"]), exercise)
    assert reference.status == "passed", (reference.checks, reference.metrics)
    for name, wrong in exercise.options["wrong_configs"].items():
        result = finetune.run(_spec(exercise, wrong), exercise)
        assert result.status == "failed", (name, result.checks, result.metrics)
