import numpy as np


def sgns_loss_and_grads(
    W_in: np.ndarray, W_out: np.ndarray, center: int, context: int, negatives: list[int]
) -> tuple[float, np.ndarray, np.ndarray]:
    """Return (loss, dL/dW_in, dL/dW_out) for one skip-gram pair with negative samples.

    loss = -log σ(u_context · v_center) - Σ_k log σ(-u_negative_k · v_center), where v = W_in[center], u = W_out[...].
    Both gradients have the full shape of their matrix (V, d).
    """
    raise NotImplementedError
