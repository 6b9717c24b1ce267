"""Fine-tuning on a CUDA device: precision, determinism, both tasks, and the exercises' reference/wrong
configurations on the real models.

Each device test runs twice: on CUDA (skipped where there is none; `scripts/gpu_check.sh` runs them on a GPU
worker) and on the CPU, with that device's expectations, so the checks a GPU run makes have already run here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from gpu_runner.bank import Bank, Exercise
from gpu_runner.datasets import lm_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_bert, build_tiny_gpt2
from gpu_runner.spec import JobSpec
from tests.gpu_runner.finetune_configs import GPT2_LORA, finetune_spec

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
DEVICES = [pytest.param("cuda", marks=needs_cuda), "cpu"]
# Short runs of the tiny models, seeded, that the device tests train.
BERT_ON_DEVICE = {"model": "tiny-bert", "learning_rate": 1e-3, "epochs": 2, "batch_size": 32, "seed": 5}
GPT_ON_DEVICE = {
    "model": "tiny-gpt2",
    "learning_rate": 1e-3,
    "epochs": 2,
    "batch_size": 8,
    "max_seq_length": 64,
    "seed": 5,
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


@pytest.fixture(scope="module")
def tiny_registry(tmp_path_factory: pytest.TempPathFactory) -> ModelRegistry:
    root = tmp_path_factory.mktemp("tiny")
    texts = lm_corpus()[0]
    return ModelRegistry.from_dirs(
        {"tiny-bert": build_tiny_bert(root / "bert", texts), "tiny-gpt2": build_tiny_gpt2(root / "gpt2", texts)}
    )


def _spec(exercise: Exercise, config: dict[str, Any], device: str = "cuda", wall_s: float = 300.0) -> JobSpec:
    # A GPU host's budget: more time and memory than the CPU tests'; the spec's default seed.
    return finetune_spec(
        exercise, config, job_id="gpu-1", device=device, cpu_s=900, wall_s=wall_s, memory_mb=16384, seed=0
    )


@pytest.mark.parametrize("device", DEVICES)
def test_jobs_train_with_their_devices_precision_and_the_fused_optimizer(
    device: str, tiny_registry: ModelRegistry, bank: Bank
) -> None:
    from gpu_runner.training.loop import build_optimizer
    from gpu_runner.training.runtime import pick_device, tf32_enabled

    info = pick_device(device)
    if device == "cuda":
        assert info.autocast_dtype == torch.bfloat16 and tf32_enabled()
    else:
        assert info.autocast_dtype is None
    optimizer = build_optimizer(torch.nn.Linear(4, 4).to(info.device), 1e-3, 0.0, info)
    assert all(group["fused"] for group in optimizer.param_groups)

    exercise = bank.get("finetune-bert-sentiment")
    result = finetune.run(_spec(exercise, BERT_ON_DEVICE, device), exercise, registry=tiny_registry)
    assert result.error is None, result.error
    assert result.runtime["device_type"] == device
    assert result.runtime["precision"] == ("bf16-autocast" if device == "cuda" else "fp32")
    assert result.runtime["device"] == info.name
    assert result.runtime["peak_memory_mb"] > 0
    if device == "cuda":
        assert info.name == torch.cuda.get_device_name() and result.runtime["peak_memory_mb"] < 4096


@pytest.mark.parametrize("device", DEVICES)
def test_same_config_and_seed_on_the_device_gives_the_same_metric(
    device: str, tiny_registry: ModelRegistry, bank: Bank
) -> None:
    # CUDA kernels may add in a different order from run to run (atomics in the backward pass): close, not equal.
    exercise = bank.get("finetune-bert-sentiment")
    first = finetune.run(_spec(exercise, BERT_ON_DEVICE, device), exercise, registry=tiny_registry)
    second = finetune.run(_spec(exercise, BERT_ON_DEVICE, device), exercise, registry=tiny_registry)
    assert first.metrics["accuracy"] == pytest.approx(second.metrics["accuracy"], abs=0.01)
    assert [p["loss"] for p in first.curve] == pytest.approx([p["loss"] for p in second.curve], abs=1e-2)


@pytest.mark.parametrize("device", DEVICES)
def test_a_causal_lm_job_lowers_held_out_perplexity_on_the_device(
    device: str, tiny_registry: ModelRegistry, bank: Bank
) -> None:
    exercise = bank.get("finetune-gpt-text")
    events: list[dict[str, Any]] = []
    result = finetune.run(
        _spec(exercise, GPT_ON_DEVICE, device), exercise, on_event=events.append, registry=tiny_registry
    )
    assert result.error is None, result.error
    metrics = result.metrics
    assert 0 < metrics["ppl_after"] < 0.5 * metrics["ppl_before"]
    assert result.runtime["device_type"] == device and result.curve
    assert events and all(event["step"] <= event["total"] for event in events)


@pytest.mark.parametrize("device", DEVICES)
def test_a_lora_job_trains_only_its_adapters_on_the_device(
    device: str, tiny_registry: ModelRegistry, bank: Bank
) -> None:
    exercise = bank.get("lora-finetune-gpt")
    config = {**GPT_ON_DEVICE, "epochs": 3, **GPT2_LORA}
    result = finetune.run(_spec(exercise, config, device), exercise, registry=tiny_registry)
    assert result.error is None, result.error
    metrics = result.metrics
    assert result.status == "passed", (result.checks, metrics)
    assert metrics["ppl_after"] < 0.9 * metrics["ppl_before"]
    assert 0 < metrics["trainable_params"] < metrics["total_params"]
    assert result.runtime["device_type"] == device
    assert result.runtime["precision"] == ("bf16-autocast" if device == "cuda" else "fp32")


@pytest.mark.slow
@needs_cuda
@pytest.mark.parametrize("slug", ["finetune-bert-sentiment", "finetune-gpt-text", "lora-finetune-gpt"])
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
