import numpy as np
import torch  # noqa: F401 (preloaded in the sandbox: the mask comes from a torch.Generator)


def dropout(x: np.ndarray, p: float = 0.5, training: bool = True, seed: int = 0) -> np.ndarray:
    """Inverted dropout of x: in training, zero each element with probability p and scale the kept ones by
    1 / (1 - p); in evaluation, return x unchanged. The mask comes from torch.Generator().manual_seed(seed)
    as the statement defines it."""
    raise NotImplementedError


def dropout_backward(grad_output: np.ndarray, p: float = 0.5, training: bool = True, seed: int = 0) -> np.ndarray:
    """The gradient of the loss with respect to dropout's input, given the gradient with respect to its output
    (the forward pass used the same p, training and seed)."""
    raise NotImplementedError
