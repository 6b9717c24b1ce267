def training_memory(n_params, precision="fp32", optimizer="adam", trainable=None, activations=0):
    """Bytes of GPU memory for training: a dict with the keys weights, gradients, master_weights,
    optimizer_states, activations and total (ints). `trainable` parameters (default: all) get gradients, optimizer
    states and, in "bf16_mixed", an fp32 master copy; precision is "fp32", "amp", "bf16_mixed" or "bf16_pure";
    optimizer is "sgd", "momentum" or "adam"."""
    raise NotImplementedError


def activation_bytes(batch_size, seq_len, hidden, n_heads, n_layers, flash_attention=False, checkpointing=False):
    """Bytes of activations a decoder's transformer layers keep for the backward pass (16-bit activations)."""
    raise NotImplementedError


def max_batch_size(gpu_bytes, static_bytes, bytes_per_sample, reserve_bytes=0):
    """The largest batch whose memory fits: static_bytes + batch * bytes_per_sample <= gpu_bytes - reserve_bytes
    (0 when not even one sample fits)."""
    raise NotImplementedError
