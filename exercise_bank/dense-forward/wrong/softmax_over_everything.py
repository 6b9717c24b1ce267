# Mistake: the softmax normalises over the whole batch instead of each sample's row.
import numpy as np


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # exp of a negative number only: no overflow for large |z|.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "softmax": _softmax,
}


def forward(x: np.ndarray, layers: list[dict]) -> np.ndarray:
    """Forward propagation through dense layers: a = activation(a @ W + b), layer after layer."""
    a = np.asarray(x, dtype=np.float64)
    if a.ndim not in (1, 2):
        raise ValueError(f"x must be one sample (d,) or a batch (n, d), got shape {a.shape}")
    for index, layer in enumerate(layers):
        W = np.asarray(layer["W"], dtype=np.float64)
        b = np.asarray(layer["b"], dtype=np.float64)
        activation = layer.get("activation", "identity")
        if activation not in ACTIVATIONS:
            raise ValueError(f"layer {index}: unknown activation {activation!r}")
        if W.ndim != 2 or W.shape[0] != a.shape[-1] or b.shape != (W.shape[1],):
            raise ValueError(f"layer {index}: W {W.shape} and b {b.shape} do not fit an input of width {a.shape[-1]}")
        a = ACTIVATIONS[activation](a @ W + b)
    return a


def count_parameters(layers: list[dict]) -> int:
    """Weights and biases together."""
    return sum(int(np.size(layer["W"])) + int(np.size(layer["b"])) for layer in layers)
