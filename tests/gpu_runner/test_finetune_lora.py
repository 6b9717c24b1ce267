"""LoRA fine-tuning (exercise.yaml `options: {adapter: lora}`): its settings, the adapters peft puts on the model,
and whole jobs with a tiny GPT-2 built from a config (CPU, seconds), through the same loading code as the real
SmolLM2."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from gpu_runner.bank import Bank, Exercise
from gpu_runner.datasets import lm_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_gpt2
from gpu_runner.run import run_job
from gpu_runner.spec import JobSpec
from gpu_runner.training.config import BAD_TARGETS, NOT_WITH_LORA, resolve_config
from gpu_runner.training.lora import AdapterConfigError, apply_lora
from tests.gpu_runner.finetune_configs import GPT2_LORA, GPT_TRAINING, finetune_spec

SLUG = "lora-finetune-gpt"
# The adapters on all of the tiny GPT-2's linear layers, a high rate.
TINY_LORA = {**GPT_TRAINING, **GPT2_LORA}


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ModelRegistry:
    root = tmp_path_factory.mktemp("tiny")
    return ModelRegistry.from_dirs({"tiny-gpt2": build_tiny_gpt2(root / "gpt2", lm_corpus()[0])})


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.default()


def _spec(exercise: Exercise, config: Any) -> JobSpec:
    return finetune_spec(exercise, config, job_id="lora-1", wall_s=180)


# --- the settings --------------------------------------------------------------------------------


def test_the_lora_exercise_accepts_its_settings_as_text_or_as_a_list(registry: ModelRegistry) -> None:
    assert finetune.validate_config(SLUG, TINY_LORA, registry=registry) == {}
    listed = {**TINY_LORA, "lora_target_modules": ["c_attn", "c_fc"]}
    assert finetune.validate_config(SLUG, listed, registry=registry) == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lora_r", 0, "lora_r must be an integer between 1 and 256"),
        ("lora_r", 8.5, "lora_r must be an integer between 1 and 256"),
        ("lora_alpha", 2000, "lora_alpha must be between 1.0 and 1024.0"),
        ("lora_dropout", 0.6, "lora_dropout must be between 0.0 and 0.5"),
        ("lora_dropout", "0.1", "lora_dropout must be a number between 0.0 and 0.5"),
        ("lora_target_modules", "", BAD_TARGETS.format(most=16)),
        ("lora_target_modules", "q_proj,q_proj", BAD_TARGETS.format(most=16)),
        ("lora_target_modules", ["q-proj"], BAD_TARGETS.format(most=16)),
        ("lora_target_modules", [f"layer{i}" for i in range(17)], BAD_TARGETS.format(most=16)),
        ("lora_target_modules", 3, BAD_TARGETS.format(most=16)),
        ("freeze_layers", 2, NOT_WITH_LORA),
    ],
)
def test_each_bad_lora_setting_is_named_with_its_rule(field: str, value: Any, message: str) -> None:
    assert finetune.validate_config(SLUG, {field: value}) == {field: message}


def test_lora_settings_are_refused_by_an_exercise_that_trains_every_weight() -> None:
    errors = finetune.validate_config("finetune-gpt-text", {"lora_r": 8})
    assert list(errors) == ["lora_r"] and errors["lora_r"].startswith("lora_r is not a training setting; allowed")


def test_resolved_lora_config_fills_defaults_lists_targets_and_freezes_nothing_by_layer(bank: Bank) -> None:
    exercise = bank.get(SLUG)
    defaults = exercise.public["default_config"]
    cfg = resolve_config({"lora_target_modules": "q_proj, k_proj", "lora_r": 4.0}, defaults, adapter="lora")
    assert cfg["lora_target_modules"] == ["q_proj", "k_proj"]
    assert (cfg["lora_r"], cfg["lora_alpha"], cfg["lora_dropout"], cfg["freeze_layers"]) == (4, 16.0, 0.05, 0)
    assert cfg["learning_rate"] == defaults["learning_rate"]


# --- the adapters ----------------------------------------------------------------------------------


def test_only_the_adapters_train_and_the_adapted_model_starts_as_the_base_model(registry: ModelRegistry) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    from gpu_runner.training.loop import Deadline, train
    from gpu_runner.training.runtime import pick_device

    model = AutoModelForCausalLM.from_pretrained(registry.local_path("tiny-gpt2"), dtype=torch.float32)
    base = copy.deepcopy(model.state_dict())
    ids = torch.randint(0, model.config.vocab_size, (4, 16), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        before = model(input_ids=ids).logits
    cfg = resolve_config({**TINY_LORA, "lora_r": 4, "lora_alpha": 8.0}, adapter="lora")
    adapted, facts = apply_lora(model, cfg, "tiny-gpt2")
    adapted.eval()
    with torch.no_grad():
        torch.testing.assert_close(adapted(input_ids=ids).logits, before)  # B starts at zero
    # 2 blocks x (c_attn 64->192, c_proj 64->64, c_fc 64->256, mlp c_proj 256->64), each r x (in + out)
    assert facts["trainable_params"] == 2 * 4 * ((64 + 192) + (64 + 64) + (64 + 256) + (256 + 64))
    assert facts["total_params"] == sum(p.numel() for p in adapted.parameters())
    assert facts["adapter_mb"] == round(facts["trainable_params"] * 4 / 2**20, 3)

    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids}
    train(
        adapted,
        lambda epoch: [batch] * 4,
        steps_per_epoch=4,
        epochs=1,
        learning_rate=1e-2,
        weight_decay=0.0,
        warmup_ratio=0.0,
        info=pick_device("cpu"),
        deadline=Deadline(float("inf")),
    )
    merged = adapted.merge_and_unload()
    changed = [name for name, value in merged.state_dict().items() if not torch.equal(value, base[name])]
    # Merging folds B A into the targeted weights: those, and only those, changed.
    assert changed and all(name.rsplit(".", 2)[-2] in {"c_attn", "c_proj", "c_fc"} for name in changed)
    assert all(name.endswith(".weight") for name in changed)


def test_a_target_the_model_does_not_have_names_the_layers_it_has(registry: ModelRegistry) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(registry.local_path("tiny-gpt2"), dtype=torch.float32)
    cfg = resolve_config({"lora_target_modules": "c_attn,q_proj,v_proj"}, adapter="lora")
    with pytest.raises(AdapterConfigError) as raised:
        apply_lora(model, cfg, "tiny-gpt2")
    assert raised.value.field == "lora_target_modules"
    assert raised.value.message == (
        "q_proj, v_proj are not a linear layer in the blocks of tiny-gpt2; its linear layers are: c_attn, c_fc, c_proj"
    )


# --- whole jobs ----------------------------------------------------------------------------------------


def test_a_lora_job_lowers_held_out_perplexity_and_reports_what_it_trained(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get(SLUG)
    events: list[dict[str, Any]] = []
    result = finetune.run(_spec(exercise, TINY_LORA), exercise, on_event=events.append, registry=registry)
    metrics = result.metrics
    assert result.status == "passed" and result.score == 1.0, (result.checks, metrics)
    assert metrics["ppl_after"] < 0.9 * metrics["ppl_before"]
    assert metrics["ppl_ratio"] == pytest.approx(metrics["ppl_after"] / metrics["ppl_before"], rel=1e-3)
    assert 0 < metrics["trainable_params"] < metrics["total_params"]
    assert metrics["config"]["lora_target_modules"] == ["c_attn", "c_proj", "c_fc"]
    assert metrics["config"]["freeze_layers"] == 0
    [check] = result.checks
    assert check.name == "perplexity_ratio" and check.message.startswith("Held-out perplexity fell from ")
    assert len([e for e in events if "metric" in e]) == 3  # validation perplexity after each epoch


def test_a_scale_of_alpha_over_r_far_below_one_barely_moves_the_model(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get(SLUG)
    good = finetune.run(_spec(exercise, TINY_LORA), exercise, registry=registry)
    tiny_scale = finetune.run(
        _spec(exercise, {**TINY_LORA, "lora_r": 64, "lora_alpha": 1.0}), exercise, registry=registry
    )
    assert tiny_scale.status == "failed" and 0.0 < tiny_scale.score < 1.0
    assert tiny_scale.metrics["ppl_ratio"] > good.metrics["ppl_ratio"] + 0.05


def test_a_target_the_model_lacks_fails_the_job_before_training(registry: ModelRegistry, bank: Bank) -> None:
    exercise = bank.get(SLUG)
    result = finetune.run(_spec(exercise, {**TINY_LORA, "lora_target_modules": "q_proj"}), exercise, registry=registry)
    assert result.status == "failed" and result.score == 0.0 and result.curve == []
    [check] = result.checks
    assert (check.name, check.passed) == ("config.lora_target_modules", False)
    assert check.message.endswith("its linear layers are: c_attn, c_fc, c_proj")


def test_run_job_dispatches_a_lora_job_through_the_bank(
    registry: ModelRegistry, bank: Bank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATHWISE_MODEL_DIRS", f"tiny-gpt2={registry.local_path('tiny-gpt2')}")
    result = run_job(_spec(bank.get(SLUG), {**TINY_LORA, "epochs": 1}), bank=bank)
    assert result.error is None, result.error
    assert result.metrics["config"]["model"] == "tiny-gpt2" and result.metrics["trainable_params"] > 0
