# Mistake: the negatives' coefficient is σ(-u·v) = 1 - σ(u·v) instead of σ(u·v) (the sign of -log σ(-x) flipped).
import numpy as np


def _neg_log_sigmoid(x: np.ndarray) -> np.ndarray:
    # -log(sigmoid(x)) = log(1 + exp(-x)), written so that exp never overflows for large |x|.
    return np.logaddexp(0.0, -x)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -x))


def sgns_loss_and_grads(
    W_in: np.ndarray, W_out: np.ndarray, center: int, context: int, negatives: list[int]
) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss of one (center, context) pair with k negative samples, and its gradients w.r.t. both embedding matrices."""
    W_in = np.asarray(W_in, dtype=np.float64)
    W_out = np.asarray(W_out, dtype=np.float64)
    vocabulary = W_in.shape[0]
    negatives = np.asarray(negatives, dtype=np.int64).reshape(-1)
    for index in (center, context, *negatives.tolist()):
        if not 0 <= index < vocabulary:
            raise IndexError(f"word index {index} is outside the vocabulary of {vocabulary} words")
    v = W_in[center]
    positive = W_out[context] @ v
    negative = W_out[negatives] @ v
    loss = float(_neg_log_sigmoid(positive) + _neg_log_sigmoid(-negative).sum())

    grad_in = np.zeros_like(W_in)
    grad_out = np.zeros_like(W_out)
    pos_coef = _sigmoid(positive) - 1.0  # d loss / d (u_o . v)
    neg_coef = _sigmoid(-negative)
    grad_in[center] = pos_coef * W_out[context] + neg_coef @ W_out[negatives]
    grad_out[context] += pos_coef * v
    # A word drawn twice as a negative (or drawn as the context word itself) collects every contribution.
    np.add.at(grad_out, negatives, np.outer(neg_coef, v))
    return loss, grad_in, grad_out
