"""adam-step through torch.optim.Adam / AdamW: the moments before the step are loaded into the optimiser's state
(`exp_avg`, `exp_avg_sq`, and `step` = t - 1, which step() increments to t), and torch makes the update. The
argument checks are torch's own, except `t`, which only this exercise's signature has."""

import numpy as np
import torch


def _optimizer(param, lr, betas, eps, weight_decay, decoupled):
    kind = torch.optim.AdamW if decoupled else torch.optim.Adam
    return kind([param], lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay, foreach=False)


def adam_step(param, grad, m, v, t, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    shapes = {np.shape(a) for a in (param, grad, m, v)}
    if len(shapes) != 1:
        raise ValueError(f"param, grad, m and v must have one shape, got {shapes}")
    p = torch.nn.Parameter(torch.tensor(param, dtype=torch.float64))
    optimizer = _optimizer(p, lr, betas, eps, weight_decay, decoupled)
    if t < 1:
        raise ValueError(f"t is the number of this step, counting from 1; got {t}")
    optimizer.state[p] = {
        "step": torch.tensor(float(t - 1), dtype=torch.float64),
        "exp_avg": torch.tensor(m, dtype=torch.float64),
        "exp_avg_sq": torch.tensor(v, dtype=torch.float64),
    }
    p.grad = torch.tensor(grad, dtype=torch.float64)
    optimizer.step()
    state = optimizer.state[p]
    return p.detach().numpy(), state["exp_avg"].numpy(), state["exp_avg_sq"].numpy()


def adam_minimize(grad_fn, x0, steps, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    p = torch.nn.Parameter(torch.tensor(x0, dtype=torch.float64))
    optimizer = _optimizer(p, lr, betas, eps, weight_decay, decoupled)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    path = [p.detach().numpy().copy()]
    for _ in range(steps):
        p.grad = torch.tensor(np.asarray(grad_fn(p.detach().numpy().copy())), dtype=torch.float64)
        optimizer.step()
        path.append(p.detach().numpy().copy())
    return np.array(path)
