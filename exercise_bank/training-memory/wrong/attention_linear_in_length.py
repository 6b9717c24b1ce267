# Mistake: counts the attention scores as growing with s, not s^2: a sequence twice as long is four times the attention memory.
# Bytes per value of the weights, and of the gradients, for each precision.
PRECISIONS = {
    "fp32": (4, 4),  # everything in float32
    "amp": (4, 4),  # torch.autocast: float32 weights and gradients; bf16 only inside the forward's matmuls
    "bf16_mixed": (2, 2),  # bf16 weights and gradients, plus a float32 master copy that the optimiser updates
    "bf16_pure": (2, 2),  # everything in bf16, optimiser states included
}
STATES = {"sgd": 0, "momentum": 1, "adam": 2}  # optimiser state values kept per trainable parameter


def _count(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be an int >= 0, got {value!r}")
    return value


def training_memory(n_params, precision="fp32", optimizer="adam", trainable=None, activations=0):
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if optimizer not in STATES:
        raise ValueError(f"optimizer must be one of {', '.join(STATES)}, got {optimizer!r}")
    n_params = _count("n_params", n_params)
    trainable = n_params if trainable is None else _count("trainable", trainable)
    if trainable > n_params:
        raise ValueError(f"trainable ({trainable}) cannot exceed n_params ({n_params})")
    activations = _count("activations", activations)
    weight_bytes, grad_bytes = PRECISIONS[precision]
    state_bytes = 2 if precision == "bf16_pure" else 4
    parts = {
        "weights": n_params * weight_bytes,
        "gradients": trainable * grad_bytes,
        "master_weights": trainable * 4 if precision == "bf16_mixed" else 0,
        "optimizer_states": trainable * STATES[optimizer] * state_bytes,
        "activations": activations,
    }
    parts["total"] = sum(parts.values())
    return parts


def activation_bytes(batch_size, seq_len, hidden, n_heads, n_layers, flash_attention=False, checkpointing=False):
    for name, value in (("batch_size", batch_size), ("seq_len", seq_len), ("hidden", hidden)):
        if _count(name, value) < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    if _count("n_heads", n_heads) < 1 or hidden % n_heads:
        raise ValueError(f"n_heads must divide hidden ({hidden}), got {n_heads}")
    _count("n_layers", n_layers)
    s, b, h, a = seq_len, batch_size, hidden, n_heads
    # Korthikanti et al. (2022): 34 s b h bytes of per-token activations, and 5 a s^2 b for the attention scores,
    # their softmax and its dropout mask, which a fused (flash) attention kernel never stores.
    per_layer = 34 * s * b * h + (0 if flash_attention else 5 * a * s * b)
    if not checkpointing:
        return n_layers * per_layer
    # Only each layer's 16-bit input is kept; the backward pass recomputes one layer's activations at a time.
    return n_layers * 2 * s * b * h + (per_layer if n_layers else 0)


def max_batch_size(gpu_bytes, static_bytes, bytes_per_sample, reserve_bytes=0):
    for name, value in (("gpu_bytes", gpu_bytes), ("static_bytes", static_bytes), ("reserve_bytes", reserve_bytes)):
        _count(name, value)
    if _count("bytes_per_sample", bytes_per_sample) < 1:
        raise ValueError(f"bytes_per_sample must be >= 1, got {bytes_per_sample}")
    free = gpu_bytes - reserve_bytes - static_bytes
    return max(0, free // bytes_per_sample)
