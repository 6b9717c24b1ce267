"""Oracle: PyTorch's SGD optimiser (no momentum, no weight decay) fed the given gradient at each step."""

import torch


def gradient_descent(grad, x0, lr, steps):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.SGD([x], lr=lr)
    for _ in range(steps):
        x.grad = torch.as_tensor(grad(x.detach().numpy().copy()), dtype=torch.float64)
        optimiser.step()
    return x.detach().numpy()
