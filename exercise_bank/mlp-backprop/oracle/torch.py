"""Oracle: the same network in PyTorch (tanh hidden layer, mean cross-entropy), its gradients by autograd."""

import torch
from torch.nn.functional import cross_entropy


def mlp_gradients(x, y, w1, b1, w2, b2):
    params = [torch.as_tensor(p, dtype=torch.float64).clone().requires_grad_(True) for p in (w1, b1, w2, b2)]
    t1, c1, t2, c2 = params
    inputs = torch.as_tensor(x, dtype=torch.float64)
    loss = cross_entropy(torch.tanh(inputs @ t1 + c1) @ t2 + c2, torch.as_tensor(y, dtype=torch.long))
    loss.backward()
    return {"loss": float(loss), **{name: p.grad.numpy() for name, p in zip(("w1", "b1", "w2", "b2"), params)}}
