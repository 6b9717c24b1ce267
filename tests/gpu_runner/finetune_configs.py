"""Fine-tuning configs that train the tiny models well enough in seconds on a CPU: the grader's tests and the
end-to-end grading test submit them, the LoRA tests with an adapter; and the job spec that carries one."""

from __future__ import annotations

from typing import Any

from gpu_runner.bank import Exercise
from gpu_runner.spec import ExerciseRef, JobSpec, Limits

BERT_CONFIG = {
    "model": "tiny-bert",
    "learning_rate": 1e-3,
    "epochs": 2,
    "batch_size": 32,
    "max_seq_length": 48,
    "warmup_ratio": 0.1,
    "weight_decay": 0.01,
    "freeze_layers": 0,
    "seed": 3,
}
# The tiny GPT-2's training settings, shared by full fine-tuning and LoRA (test_finetune_lora).
GPT_TRAINING = {
    "model": "tiny-gpt2",
    "learning_rate": 1e-3,
    "epochs": 3,
    "batch_size": 8,
    "max_seq_length": 64,
    "warmup_ratio": 0.1,
    "seed": 3,
}
GPT_CONFIG = {**GPT_TRAINING, "weight_decay": 0.0, "freeze_layers": 0}
# LoRA adapters on all of the tiny GPT-2's blocks' linear layers: a tiny random GPT-2 learns most through them.
GPT2_LORA = {"lora_r": 16, "lora_alpha": 64.0, "lora_dropout": 0.0, "lora_target_modules": "c_attn,c_proj,c_fc"}


def finetune_spec(
    exercise: Exercise,
    config: Any,
    *,
    job_id: str = "job-1",
    device: str = "cpu",
    cpu_s: float = 600,
    wall_s: float = 120.0,
    memory_mb: int = 4096,
    seed: int = 11,
    split_key: str = "",
) -> JobSpec:
    """A fine-tuning job of `exercise` (from the bank) submitting `config`, with the CPU tests' limits by default."""
    return JobSpec(
        job_id=job_id,
        kind="finetune",
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"config": config},
        limits=Limits(cpu_s=cpu_s, wall_s=wall_s, memory_mb=memory_mb),
        seed=seed,
        device=device,
        split_key=split_key,
    )
