import numpy as np


def forward(x: np.ndarray, layers: list[dict]) -> np.ndarray:
    """Return the network's output for x: one sample of shape (d,) or a batch of shape (n, d).

    Each layer is {"W": array (in, out), "b": array (out,), "activation": "identity" | "relu" | "sigmoid" | "tanh"
    | "softmax"}; a layer computes activation(a @ W + b) from the previous layer's output a.
    """
    raise NotImplementedError


def count_parameters(layers: list[dict]) -> int:
    """Return the number of weights and biases in all the layers."""
    raise NotImplementedError
