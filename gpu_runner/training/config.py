"""The learner's training configuration: fields, bounds, defaults and validation. Pure Python (no torch),
so the web side can import it to answer 400s without loading the ML stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CLASSIFICATION = "classification"
CAUSAL_LM = "causal_lm"
TASKS: tuple[str, ...] = (CLASSIFICATION, CAUSAL_LM)


@dataclass(frozen=True)
class Bound:
    type: type  # int or float
    low: float
    high: float


# The same bounds for every exercise: wide enough to make bad choices (that is the lesson), narrow
# enough that no configuration can hog a GPU worker for longer than its time budget allows.
CONFIG_BOUNDS: dict[str, Bound] = {
    "learning_rate": Bound(float, 1e-6, 1e-3),
    "epochs": Bound(int, 1, 10),
    "batch_size": Bound(int, 1, 128),
    "max_seq_length": Bound(int, 16, 512),
    "warmup_ratio": Bound(float, 0.0, 0.5),
    "weight_decay": Bound(float, 0.0, 0.3),
    "freeze_layers": Bound(int, 0, 48),
    "seed": Bound(int, 0, 2**31 - 1),
}
CONFIG_FIELDS: tuple[str, ...] = ("model", *CONFIG_BOUNDS)

DEFAULT_CONFIG: dict[str, Any] = {
    "learning_rate": 5e-5,
    "epochs": 3,
    "batch_size": 32,
    "max_seq_length": 128,
    "warmup_ratio": 0.1,
    "weight_decay": 0.01,
    "freeze_layers": 0,
    "seed": 42,
}

NOT_A_MAPPING = "config must be a JSON object of training settings"
UNKNOWN_FIELD = "{field} is not a training setting; allowed settings: {allowed}"
OUT_OF_RANGE = "{field} must be between {low} and {high}"
NOT_AN_INTEGER = "{field} must be an integer between {low} and {high}"
NOT_A_NUMBER = "{field} must be a number between {low} and {high}"
UNKNOWN_MODEL = "model must be one of: {models}"
UNKNOWN_EXERCISE = "{name!r} is neither a fine-tuning exercise nor a task ({tasks})"


def _format(value: float, kind: type) -> str:
    return str(int(value)) if kind is int else repr(float(value))


def check_field(name: str, value: Any) -> str | None:
    """None when `value` is allowed for the numeric setting `name`, else the learner-facing message."""
    bound = CONFIG_BOUNDS[name]
    low, high = _format(bound.low, bound.type), _format(bound.high, bound.type)
    if bound.type is int:
        # JSON has one number type: 3.0 is accepted as 3, 3.5 is not; true/false never count as numbers.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or float(value) != int(value):
            return NOT_AN_INTEGER.format(field=name, low=low, high=high)
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return NOT_A_NUMBER.format(field=name, low=low, high=high)
    if not bound.low <= value <= bound.high:
        template = NOT_AN_INTEGER if bound.type is int else OUT_OF_RANGE
        return template.format(field=name, low=low, high=high)
    return None


def validate_fields(config: Any, models: list[str]) -> dict[str, str]:
    """Field -> message for every problem in `config`; `models` are the allowed model names."""
    if not isinstance(config, dict):
        return {"config": NOT_A_MAPPING}
    errors: dict[str, str] = {}
    for key in config:
        if key not in CONFIG_FIELDS:
            errors[str(key)] = UNKNOWN_FIELD.format(field=key, allowed=", ".join(CONFIG_FIELDS))
    for name in CONFIG_BOUNDS:
        if name in config:
            message = check_field(name, config[name])
            if message:
                errors[name] = message
    if "model" in config and config["model"] not in models:
        errors["model"] = UNKNOWN_MODEL.format(models=", ".join(models) or "(none installed)")
    return errors


def resolve_config(config: dict[str, Any], defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """A complete configuration: the exercise's defaults, then the learner's values, ints as ints."""
    merged = {**DEFAULT_CONFIG, **(defaults or {}), **config}
    for name, bound in CONFIG_BOUNDS.items():
        merged[name] = int(merged[name]) if bound.type is int else float(merged[name])
    return merged
