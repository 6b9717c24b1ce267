# Mistake: adds the two terms of the quotient rule: (u' v + u v') / v^2.
import math

UNARY = ("neg", "exp", "log", "sin", "cos", "sqrt")
BINARY = ("add", "sub", "mul", "div", "pow")


def derivative(expr, x: float) -> tuple[float, float]:
    """(f(x), f'(x)) for the expression f, by the chain rule (forward mode: carry a value and a slope)."""
    return _value_and_slope(expr, float(x))


def integrate(expr, a: float, b: float, n: int) -> float:
    """The integral of f from a to b by the composite Simpson rule on n (even) subintervals."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 2 or n % 2:
        raise ValueError(f"n must be an even integer >= 2, got {n!r}")
    h = (b - a) / n
    total = 0.0
    for i in range(n + 1):
        weight = 1 if i in (0, n) else (4 if i % 2 else 2)
        total += weight * _value_and_slope(expr, a + i * h)[0]
    return total * h / 3


def _value_and_slope(expr, x: float) -> tuple[float, float]:
    if isinstance(expr, str):
        if expr != "x":
            raise ValueError(f"unknown variable {expr!r}: the only variable is 'x'")
        return x, 1.0
    if isinstance(expr, (int, float)) and not isinstance(expr, bool):
        return float(expr), 0.0
    if not isinstance(expr, (list, tuple)) or not expr:
        raise ValueError(f"not an expression: {expr!r}")
    op, *args = expr
    if op in UNARY and len(args) == 1:
        return _unary(op, *_value_and_slope(args[0], x))
    if op == "pow" and len(args) == 2:
        return _power(_value_and_slope(args[0], x), args[1])
    if op in BINARY and len(args) == 2:
        return _binary(op, _value_and_slope(args[0], x), _value_and_slope(args[1], x))
    raise ValueError(f"unknown operation or wrong number of arguments: {op!r} with {len(args)}")


def _unary(op: str, v: float, d: float) -> tuple[float, float]:
    # Each rule is (outer function at v, outer derivative at v times the inner slope d): the chain rule.
    if op == "neg":
        return -v, -d
    if op == "exp":
        e = math.exp(v)
        return e, e * d
    if op == "sin":
        return math.sin(v), math.cos(v) * d
    if op == "cos":
        return math.cos(v), -math.sin(v) * d
    if v <= 0:
        raise ValueError(f"{op} is not differentiable at {v}")
    if op == "log":
        return math.log(v), d / v
    root = math.sqrt(v)
    return root, d / (2 * root)


def _binary(op: str, f: tuple[float, float], g: tuple[float, float]) -> tuple[float, float]:
    (u, du), (v, dv) = f, g
    if op == "add":
        return u + v, du + dv
    if op == "sub":
        return u - v, du - dv
    if op == "mul":
        return u * v, du * v + u * dv
    if v == 0:
        raise ValueError("division by zero")
    return u / v, (du * v + u * dv) / (v * v)


def _power(base: tuple[float, float], exponent) -> tuple[float, float]:
    if isinstance(exponent, bool) or not isinstance(exponent, (int, float)):
        raise ValueError(f"the exponent of pow must be a number, got {exponent!r}")
    v, d = base
    c = float(exponent)
    if v < 0 and not c.is_integer():
        raise ValueError(f"a negative base {v} to the non-integer power {c} is not real")
    if v == 0 and c < 1:
        raise ValueError(f"0 to the power {c} is not differentiable")
    return v**c, c * v ** (c - 1) * d
