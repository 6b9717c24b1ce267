def derivative(expr, x: float) -> tuple[float, float]:
    """(f(x), f'(x)) for the expression f given as nested lists, e.g. ["sin", ["pow", "x", 2]].

    Operations: "add", "sub", "mul", "div", "pow" (a number as exponent), "neg", "exp", "log", "sin", "cos",
    "sqrt". Raise ValueError where f or f' is undefined at x.
    """
    raise NotImplementedError


def integrate(expr, a: float, b: float, n: int) -> float:
    """The integral of f from a to b by the composite Simpson rule on n subintervals (n even, >= 2)."""
    raise NotImplementedError
