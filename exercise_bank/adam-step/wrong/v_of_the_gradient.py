# Mistake: the second moment averages the gradient instead of its square.
import numpy as np


def _check(lr, betas, eps, weight_decay):
    beta1, beta2 = betas
    if lr < 0:
        raise ValueError(f"lr must be >= 0, got {lr}")
    if not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0):
        raise ValueError(f"betas must be in [0, 1), got {betas}")
    if eps < 0:
        raise ValueError(f"eps must be >= 0, got {eps}")
    if weight_decay < 0:
        raise ValueError(f"weight_decay must be >= 0, got {weight_decay}")


def adam_step(param, grad, m, v, t, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    """One Adam (or, with decoupled=True, AdamW) update; returns (param, m, v) as new arrays."""
    _check(lr, betas, eps, weight_decay)
    if t < 1:
        raise ValueError(f"t is the number of this step, counting from 1; got {t}")
    param, grad = np.asarray(param, dtype=float), np.asarray(grad, dtype=float)
    m, v = np.asarray(m, dtype=float), np.asarray(v, dtype=float)
    if not param.shape == grad.shape == m.shape == v.shape:
        raise ValueError(
            f"param, grad, m and v must have one shape, got {param.shape}, {grad.shape}, {m.shape}, {v.shape}"
        )
    beta1, beta2 = betas
    if decoupled:
        # AdamW: the decay shrinks the weights directly and never enters the moment estimates.
        param = param * (1.0 - lr * weight_decay)
    elif weight_decay:
        grad = grad + weight_decay * param
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * np.abs(grad)
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    param = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return param, m, v


def adam_minimize(grad_fn, x0, steps, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    """`steps` Adam updates from x0; returns the (steps + 1, d) trajectory, row 0 being x0."""
    _check(lr, betas, eps, weight_decay)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    x = np.asarray(x0, dtype=float).copy()
    m, v = np.zeros_like(x), np.zeros_like(x)
    path = [x.copy()]
    for t in range(1, steps + 1):
        x, m, v = adam_step(x, grad_fn(x), m, v, t, lr, betas, eps, weight_decay, decoupled)
        path.append(x.copy())
    return np.array(path)
