import numpy as np
import scipy.integrate
import torch

UNARY = {"neg": torch.neg, "exp": torch.exp, "log": torch.log, "sin": torch.sin, "cos": torch.cos, "sqrt": torch.sqrt}
BINARY = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}


def _build(expr, x):
    """The expression as a torch graph over the float64 tensor x; the domain rules are the statement's."""
    if isinstance(expr, str):
        if expr != "x":
            raise ValueError(f"unknown variable {expr!r}")
        return x
    if isinstance(expr, (int, float)) and not isinstance(expr, bool):
        return torch.full_like(x, float(expr))
    if not isinstance(expr, (list, tuple)) or not expr:
        raise ValueError(f"not an expression: {expr!r}")
    op, *args = expr
    if op in UNARY and len(args) == 1:
        inner = _build(args[0], x)
        if op in ("log", "sqrt") and bool((inner <= 0).any()):
            raise ValueError(f"{op} is not differentiable here")
        return UNARY[op](inner)
    if op == "pow" and len(args) == 2:
        c = args[1]
        if isinstance(c, bool) or not isinstance(c, (int, float)):
            raise ValueError("the exponent of pow must be a number")
        base = _build(args[0], x)
        if (not float(c).is_integer() and bool((base < 0).any())) or (c < 1 and bool((base == 0).any())):
            raise ValueError("pow is not differentiable here")
        return torch.pow(base, float(c))
    if op in BINARY and len(args) == 2:
        left, right = _build(args[0], x), _build(args[1], x)
        if op == "div" and bool((right == 0).any()):
            raise ValueError("division by zero")
        return BINARY[op](left, right)
    raise ValueError(f"unknown operation {op!r}")


def derivative(expr, x):
    point = torch.tensor([float(x)], dtype=torch.float64, requires_grad=True)
    value = _build(expr, point)
    if not value.requires_grad:  # a constant expression: nothing in it depends on x
        return float(value.item()), 0.0
    (slope,) = torch.autograd.grad(value.sum(), point, allow_unused=True)
    return float(value.item()), 0.0 if slope is None else float(slope.item())


def integrate(expr, a, b, n):
    if isinstance(n, bool) or not isinstance(n, int) or n < 2 or n % 2:
        raise ValueError("n must be an even integer >= 2")
    xs = a + (b - a) / n * np.arange(n + 1)
    with torch.no_grad():
        ys = _build(expr, torch.tensor(xs, dtype=torch.float64)).numpy()
    # With an odd number of points (an even n), scipy's simpson is the composite 1/3 rule.
    return float(scipy.integrate.simpson(ys, x=xs))
