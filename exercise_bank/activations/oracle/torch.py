"""Oracle: PyTorch's sigmoid and relu, their gradients by autograd (relu's derivative at 0 is 0 in PyTorch too)."""

import torch


def _grad(fn, x):
    t = torch.as_tensor(x, dtype=torch.float64).clone().requires_grad_(True)
    fn(t).sum().backward()
    return t.grad.numpy()


def sigmoid(x):
    return torch.sigmoid(torch.as_tensor(x, dtype=torch.float64)).numpy()


def sigmoid_grad(x):
    return _grad(torch.sigmoid, x)


def relu(x):
    return torch.relu(torch.as_tensor(x, dtype=torch.float64)).numpy()


def relu_grad(x):
    return _grad(torch.relu, x)
