# Mistake: estimates the slope by a central difference, (f(x + h) - f(x - h)) / 2h, instead of the chain rule: round-off
# in a large f(x) swamps a small change.
import math

H = 1e-5


def derivative(expr, x):
    x = float(x)
    return _eval(expr, x), (_eval(expr, x + H) - _eval(expr, x - H)) / (2 * H)


def integrate(expr, a, b, n):
    if isinstance(n, bool) or not isinstance(n, int) or n < 2 or n % 2:
        raise ValueError("n must be an even integer >= 2")
    h = (b - a) / n
    total = sum((1 if i in (0, n) else (4 if i % 2 else 2)) * _eval(expr, a + i * h) for i in range(n + 1))
    return total * h / 3


def _eval(expr, x):
    if expr == "x":
        return x
    if isinstance(expr, (int, float)) and not isinstance(expr, bool):
        return float(expr)
    if not isinstance(expr, (list, tuple)) or not expr:
        raise ValueError(f"not an expression: {expr!r}")
    op, *args = expr
    values = [_eval(arg, x) if i == 0 or op != "pow" else arg for i, arg in enumerate(args)]
    if op == "pow" and (isinstance(args[1], bool) or not isinstance(args[1], (int, float))):
        raise ValueError("the exponent must be a number")
    if op in ("log", "sqrt") and values[0] <= 0:
        raise ValueError(f"{op} is not differentiable here")
    if op == "div" and values[1] == 0:
        raise ValueError("division by zero")
    if op == "pow" and ((values[0] < 0 and not float(args[1]).is_integer()) or (values[0] == 0 and args[1] < 1)):
        raise ValueError("pow is not differentiable here")
    functions = {
        "add": lambda u, v: u + v,
        "sub": lambda u, v: u - v,
        "mul": lambda u, v: u * v,
        "div": lambda u, v: u / v,
        "pow": lambda u, c: u**c,
        "neg": lambda u: -u,
        "exp": math.exp,
        "log": math.log,
        "sin": math.sin,
        "cos": math.cos,
        "sqrt": math.sqrt,
    }
    if op not in functions:
        raise ValueError(f"unknown operation {op!r}")
    return float(functions[op](*values))
