"""Validation of the learner's training configuration (what the web side turns into 400s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpu_runner.bank import Bank
from gpu_runner.graders.finetune import CONFIG_BOUNDS, allowed_models, validate_config
from gpu_runner.models import MINILM, SMOLLM2, ModelRegistry, build_tiny_bert
from gpu_runner.training.config import CONFIG_FIELDS, resolve_config

GOOD = {
    "model": MINILM,
    "learning_rate": 5e-5,
    "epochs": 3,
    "batch_size": 16,
    "max_seq_length": 64,
    "warmup_ratio": 0.1,
    "weight_decay": 0.01,
    "freeze_layers": 2,
    "seed": 7,
}


def test_bounds_cover_every_numeric_setting() -> None:
    assert list(CONFIG_BOUNDS) == [
        "learning_rate",
        "epochs",
        "batch_size",
        "max_seq_length",
        "warmup_ratio",
        "weight_decay",
        "freeze_layers",
        "seed",
    ]
    assert ("model", *CONFIG_BOUNDS) == CONFIG_FIELDS
    assert (CONFIG_BOUNDS["learning_rate"].low, CONFIG_BOUNDS["learning_rate"].high) == (1e-6, 1e-3)


def test_a_configuration_inside_every_bound_has_no_errors() -> None:
    assert validate_config("finetune-bert-sentiment", GOOD) == {}
    assert validate_config("classification", {}) == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("learning_rate", 0.01, "learning_rate must be between 1e-06 and 0.001"),
        ("learning_rate", 1e-7, "learning_rate must be between 1e-06 and 0.001"),
        ("learning_rate", "0.001", "learning_rate must be a number between 1e-06 and 0.001"),
        ("learning_rate", float("nan"), "learning_rate must be a number between 1e-06 and 0.001"),
        ("epochs", 0, "epochs must be an integer between 1 and 10"),
        ("epochs", 2.5, "epochs must be an integer between 1 and 10"),
        ("epochs", True, "epochs must be an integer between 1 and 10"),
        ("batch_size", 256, "batch_size must be an integer between 1 and 128"),
        ("max_seq_length", 8, "max_seq_length must be an integer between 16 and 512"),
        ("warmup_ratio", 0.6, "warmup_ratio must be between 0.0 and 0.5"),
        ("weight_decay", -0.1, "weight_decay must be between 0.0 and 0.3"),
        ("freeze_layers", 49, "freeze_layers must be an integer between 0 and 48"),
        ("seed", -1, "seed must be an integer between 0 and 2147483647"),
    ],
)
def test_out_of_range_or_mistyped_setting_is_named_with_its_allowed_range(
    field: str, value: object, message: str
) -> None:
    assert validate_config("finetune-bert-sentiment", {**GOOD, field: value}) == {field: message}


def test_whole_number_floats_count_as_integers() -> None:
    assert validate_config("classification", {"epochs": 3.0, "batch_size": 16.0}) == {}
    assert resolve_config({"epochs": 3.0})["epochs"] == 3
    assert isinstance(resolve_config({"epochs": 3.0})["epochs"], int)


def test_unknown_settings_are_rejected_with_the_allowed_list() -> None:
    errors = validate_config("classification", {"lr": 0.1, "epochs": 99})
    assert errors == {
        "lr": "lr is not a training setting; allowed settings: model, learning_rate, epochs, batch_size, "
        "max_seq_length, warmup_ratio, weight_decay, freeze_layers, seed",
        "epochs": "epochs must be an integer between 1 and 10",
    }


def test_a_config_that_is_not_an_object_is_rejected() -> None:
    assert validate_config("classification", [1, 2]) == {"config": "config must be a JSON object of training settings"}


def test_model_must_be_one_of_the_exercises_or_of_the_right_family() -> None:
    assert validate_config("finetune-bert-sentiment", {"model": SMOLLM2}) == {
        "model": f"model must be one of: {MINILM}"
    }
    assert validate_config("finetune-gpt-text", {"model": MINILM}) == {"model": f"model must be one of: {SMOLLM2}"}


def test_models_registered_on_the_worker_are_allowed_for_their_family(tmp_path: Path) -> None:
    registry = ModelRegistry.from_dirs({"tiny-bert": build_tiny_bert(tmp_path / "bert", ["a b c"])})
    exercise = Bank.default().get("finetune-bert-sentiment")
    assert allowed_models("classification", exercise, registry) == [MINILM, "tiny-bert"]
    assert allowed_models("causal_lm", None, registry) == []
    assert validate_config(exercise, {"model": "tiny-bert"}, registry=registry) == {}


def test_a_non_finetune_exercise_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'softmax' is neither a fine-tuning exercise nor a task"):
        validate_config("softmax", GOOD)


@pytest.mark.model_packages
def test_a_slug_outside_the_local_bank_gets_the_bounds_and_any_installed_model() -> None:
    assert validate_config("private-bank-exercise", {**GOOD, "model": SMOLLM2}) == {}
    assert validate_config("private-bank-exercise", {"epochs": 11, "model": "gpt-5"}) == {
        "epochs": "epochs must be an integer between 1 and 10",
        "model": f"model must be one of: {MINILM}, {SMOLLM2}",
    }
    # It may be a LoRA exercise: its settings are checked where present, and the worker decides the rest.
    assert validate_config("private-bank-exercise", {**GOOD, "lora_r": 8, "lora_target_modules": "q_proj"}) == {}
    assert validate_config("private-bank-exercise", {"lora_r": 512}) == {
        "lora_r": "lora_r must be an integer between 1 and 256"
    }


def test_every_finetune_exercise_ships_defaults_and_test_configs_that_validate() -> None:
    exercises = [e for e in Bank.default().all() if e.kind == "finetune"]
    assert {e.slug for e in exercises} >= {"finetune-bert-sentiment", "finetune-gpt-text"}
    for exercise in exercises:
        assert validate_config(exercise, exercise.public["default_config"]) == {}, exercise.slug
        assert validate_config(exercise, exercise.options["reference_config"]) == {}, exercise.slug
        for name, wrong in exercise.options["wrong_configs"].items():
            assert validate_config(exercise, wrong) == {}, (exercise.slug, name)
