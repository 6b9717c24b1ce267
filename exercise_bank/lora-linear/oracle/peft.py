"""lora-linear through peft: a one-layer torch model wrapped by get_peft_model with a LoraConfig.

The forward pass is the PEFT model's; merge is merge_and_unload(); unmerge subtracts peft's own
get_delta_weight() from the merged weight (what LoraLayer.unmerge does).
"""

import numpy as np
import torch
from peft import LoraConfig, get_peft_model


class _One(torch.nn.Module):
    def __init__(self, weight, bias):
        super().__init__()
        out_features, in_features = weight.shape
        self.proj = torch.nn.Linear(in_features, out_features, bias=bias is not None, dtype=torch.float64)
        with torch.no_grad():
            self.proj.weight.copy_(torch.from_numpy(np.asarray(weight, dtype=np.float64)))
            if bias is not None:
                self.proj.bias.copy_(torch.from_numpy(np.asarray(bias, dtype=np.float64)))

    def forward(self, x):
        return self.proj(x)


def _adapted(weight, bias, lora_a, lora_b, alpha, use_rslora):
    weight, lora_a, lora_b = (np.asarray(a, dtype=np.float64) for a in (weight, lora_a, lora_b))
    r = lora_a.shape[0]
    if r < 1 or lora_a.shape != (r, weight.shape[1]) or lora_b.shape != (weight.shape[0], r):
        raise ValueError("the adapter does not fit the layer")
    config = LoraConfig(r=r, lora_alpha=alpha, target_modules=["proj"], lora_dropout=0.0, use_rslora=use_rslora)
    model = get_peft_model(_One(weight, bias), config)
    layer = model.base_model.model.proj
    with torch.no_grad():
        layer.lora_A["default"].weight.copy_(torch.from_numpy(lora_a))
        layer.lora_B["default"].weight.copy_(torch.from_numpy(lora_b))
    return model.eval(), layer


def lora_forward(x, weight, bias, lora_a, lora_b, alpha, use_rslora=False):
    model, _ = _adapted(weight, bias, lora_a, lora_b, alpha, use_rslora)
    with torch.no_grad():
        return model(torch.from_numpy(np.asarray(x, dtype=np.float64))).numpy()


def lora_merge(weight, lora_a, lora_b, alpha, use_rslora=False):
    model, _ = _adapted(weight, None, lora_a, lora_b, alpha, use_rslora)
    return model.merge_and_unload().proj.weight.detach().numpy()


def lora_unmerge(merged_weight, lora_a, lora_b, alpha, use_rslora=False):
    _, layer = _adapted(merged_weight, None, lora_a, lora_b, alpha, use_rslora)
    with torch.no_grad():
        return (layer.base_layer.weight - layer.get_delta_weight("default")).numpy()
