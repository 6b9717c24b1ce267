import torch
import torch.nn.functional as F

ACTIVATIONS = {
    "identity": lambda z: z,
    "relu": F.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda z: F.softmax(z, dim=-1),
}


def forward(x, layers):
    a = torch.as_tensor(x, dtype=torch.float64)
    if a.dim() not in (1, 2):
        raise ValueError("x must be (d,) or (n, d)")
    for layer in layers:
        activation = layer.get("activation", "identity")
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}")
        W = torch.as_tensor(layer["W"], dtype=torch.float64)
        b = torch.as_tensor(layer["b"], dtype=torch.float64)
        if W.dim() != 2 or W.shape[0] != a.shape[-1] or tuple(b.shape) != (W.shape[1],):
            raise ValueError("the layer does not fit its input")
        # torch.nn.Linear keeps its weight as (out, in) and computes a @ weight.T + bias.
        linear = torch.nn.Linear(W.shape[0], W.shape[1], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(W.T)
            linear.bias.copy_(b)
            a = ACTIVATIONS[activation](linear(a))
    return a.numpy()


def count_parameters(layers):
    total = 0
    for layer in layers:
        W = torch.as_tensor(layer["W"])
        total += sum(p.numel() for p in torch.nn.Linear(W.shape[0], W.shape[1]).parameters())
    return total
