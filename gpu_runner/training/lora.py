"""LoRA adapters for a fine-tuning job, through peft.

The base model stays frozen; each targeted linear layer W gets a trainable low-rank update (alpha / r) * B A,
with A (r x in) drawn at random (from the job's seed) and B (out x r) starting at zero, so the adapted model starts
exactly where the base model is. Targets are the names of linear layers inside the transformer blocks (`q_proj`,
`v_proj`... for Llama-style models such as SmolLM2; `c_attn`, `c_proj`, `c_fc` for GPT-2, whose layers are
transformers' Conv1D, stored transposed, which peft handles with `fan_in_fan_out`). A name the model does not have
is the learner's error, reported with the names it does have.
"""

from __future__ import annotations

import warnings
from typing import Any

from gpu_runner.training.config import LORA_TARGETS
from gpu_runner.training.loop import layer_stack

NO_TARGETS = "lora_target_modules must name at least one linear layer of the model's blocks: {available}"
UNKNOWN_TARGETS = "{names} {verb} not a linear layer in the blocks of {model}; its linear layers are: {available}"
NO_BLOCKS = "{model} has no transformer blocks that LoRA adapters could be put in"


class AdapterConfigError(ValueError):
    """A LoRA setting that this model cannot take; `field` names the setting."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def block_linear_layers(model: Any) -> dict[str, list[Any]]:
    """Layer name (the last part of its path, e.g. q_proj) -> the linear layers of that name in the blocks."""
    import torch
    from transformers.pytorch_utils import Conv1D

    blocks = layer_stack(model)
    found: dict[str, list[Any]] = {}
    for module in blocks.modules() if blocks is not None else ():
        for name, child in module.named_children():
            if isinstance(child, (torch.nn.Linear, Conv1D)):
                found.setdefault(name, []).append(child)
    return found


def apply_lora(model: Any, cfg: dict[str, Any], model_name: str) -> tuple[Any, dict[str, Any]]:
    """The model wrapped by peft with adapters on the configured layers, and what it trains (for the metrics).

    The caller seeds torch first: A's random initialisation is part of the learner's seed.
    """
    from peft import LoraConfig, get_peft_model
    from transformers.pytorch_utils import Conv1D

    layers = block_linear_layers(model)
    if not layers:
        raise AdapterConfigError(LORA_TARGETS, NO_BLOCKS.format(model=model_name))
    available = ", ".join(sorted(layers))
    targets = cfg.get(LORA_TARGETS)
    if not targets:
        raise AdapterConfigError(LORA_TARGETS, NO_TARGETS.format(available=available))
    unknown = [name for name in targets if name not in layers]
    if unknown:
        verb = "is" if len(unknown) == 1 else "are"
        message = UNKNOWN_TARGETS.format(names=", ".join(unknown), verb=verb, model=model_name, available=available)
        raise AdapterConfigError(LORA_TARGETS, message)
    transposed = any(isinstance(layer, Conv1D) for name in targets for layer in layers[name])
    config = LoraConfig(
        r=cfg["lora_r"],
        lora_alpha=cfg["lora_alpha"],
        lora_dropout=cfg["lora_dropout"],
        target_modules=list(targets),
        bias="none",
        task_type="CAUSAL_LM",
        fan_in_fan_out=transposed,
    )
    with warnings.catch_warnings():
        # peft asks the model `is_gradient_checkpointing`, which transformers 5 deprecates: not the learner's concern.
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        adapted = get_peft_model(model, config)
    trainable, total = adapted.get_nb_trainable_parameters()
    return adapted, {
        "trainable_params": int(trainable),
        "total_params": int(total),
        "trainable_percent": round(100.0 * trainable / total, 4),
        # The adapter is all a deployment needs besides the base model: its size in fp32.
        "adapter_mb": round(trainable * 4 / 2**20, 3),
    }
