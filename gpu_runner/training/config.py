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

# A LoRA exercise (exercise.yaml `options: {adapter: lora}`) adds these flat settings: the rank, the scale's
# numerator (the update is multiplied by alpha / r), the dropout on the adapter's input and the names of the linear
# layers inside the transformer blocks that get an adapter (a list, or one comma-separated string as a form sends).
LORA = "lora"
ADAPTERS: tuple[str, ...] = (LORA,)
# For an exercise this host's bank does not hold: LoRA settings are checked where present, and the worker, which has
# the bank, decides whether the exercise takes them.
ANY_ADAPTER = "any"
LORA_BOUNDS: dict[str, Bound] = {
    "lora_r": Bound(int, 1, 256),
    "lora_alpha": Bound(float, 1.0, 1024.0),
    "lora_dropout": Bound(float, 0.0, 0.5),
}
LORA_TARGETS = "lora_target_modules"
LORA_FIELDS: tuple[str, ...] = (*LORA_BOUNDS, LORA_TARGETS)
MAX_LORA_TARGETS = 16

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
# The LoRA paper's common starting point; which layers get adapters depends on the model, so the exercise names them.
LORA_DEFAULTS: dict[str, Any] = {"lora_r": 8, "lora_alpha": 16.0, "lora_dropout": 0.05, LORA_TARGETS: None}

NOT_A_MAPPING = "config must be a JSON object of training settings"
UNKNOWN_FIELD = "{field} is not a training setting; allowed settings: {allowed}"
OUT_OF_RANGE = "{field} must be between {low} and {high}"
NOT_AN_INTEGER = "{field} must be an integer between {low} and {high}"
NOT_A_NUMBER = "{field} must be a number between {low} and {high}"
UNKNOWN_MODEL = "model must be one of: {models}"
UNKNOWN_EXERCISE = "{name!r} is neither a fine-tuning exercise nor a task ({tasks})"
BAD_TARGETS = (
    "lora_target_modules must name 1 to {most} distinct linear layers, as a list or one comma-separated text "
    "(for example q_proj,v_proj)"
)
NOT_WITH_LORA = "freeze_layers does not apply to LoRA: the whole base model stays frozen and only the adapters train"


def _format(value: float, kind: type) -> str:
    return str(int(value)) if kind is int else repr(float(value))


def check_field(name: str, value: Any) -> str | None:
    """None when `value` is allowed for the numeric setting `name`, else the learner-facing message."""
    bound = CONFIG_BOUNDS.get(name) or LORA_BOUNDS[name]
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


def target_modules(value: Any) -> list[str] | None:
    """The layer names of `lora_target_modules` (a list, or one comma-separated text); None when malformed."""
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    names = [n.strip() for n in names]
    if not 1 <= len(names) <= MAX_LORA_TARGETS or len(set(names)) != len(names):
        return None
    return names if all(n.isidentifier() for n in names) else None


def validate_fields(config: Any, models: list[str], *, adapter: str | None = None) -> dict[str, str]:
    """Field -> message for every problem in `config`; `models` are the allowed model names. `adapter` "lora"
    allows (and checks) the LoRA settings and refuses frozen layers; ANY_ADAPTER checks LoRA settings where
    present; None refuses them."""
    if not isinstance(config, dict):
        return {"config": NOT_A_MAPPING}
    lora = adapter in (LORA, ANY_ADAPTER)
    fields = (*CONFIG_FIELDS, *LORA_FIELDS) if lora else CONFIG_FIELDS
    errors: dict[str, str] = {}
    for key in config:
        if key not in fields:
            errors[str(key)] = UNKNOWN_FIELD.format(field=key, allowed=", ".join(fields))
    bounds = {**CONFIG_BOUNDS, **LORA_BOUNDS} if lora else CONFIG_BOUNDS
    for name in bounds:
        if name in config:
            message = check_field(name, config[name])
            if message:
                errors[name] = message
    if lora and LORA_TARGETS in config and target_modules(config[LORA_TARGETS]) is None:
        errors[LORA_TARGETS] = BAD_TARGETS.format(most=MAX_LORA_TARGETS)
    if adapter == LORA and config.get("freeze_layers") and "freeze_layers" not in errors:
        errors["freeze_layers"] = NOT_WITH_LORA
    if "model" in config and config["model"] not in models:
        errors["model"] = UNKNOWN_MODEL.format(models=", ".join(models) or "(none installed)")
    return errors


def resolve_config(
    config: dict[str, Any], defaults: dict[str, Any] | None = None, *, adapter: str | None = None
) -> dict[str, Any]:
    """A complete configuration: the exercise's defaults, then the learner's values, ints as ints; with the LoRA
    adapter its settings too (target modules as a list) and no frozen layers (the whole base model is)."""
    base = {**DEFAULT_CONFIG, **LORA_DEFAULTS} if adapter == LORA else DEFAULT_CONFIG
    merged = {**base, **(defaults or {}), **config}
    bounds = {**CONFIG_BOUNDS, **LORA_BOUNDS} if adapter == LORA else CONFIG_BOUNDS
    for name, bound in bounds.items():
        merged[name] = int(merged[name]) if bound.type is int else float(merged[name])
    if adapter == LORA:
        merged[LORA_TARGETS] = target_modules(merged[LORA_TARGETS])
        merged["freeze_layers"] = 0
    return merged
