"""Cases for gradient-descent: the gradient arrives as a codec.FunctionRef (a named function from a fixed
registry), which the sandbox driver and the grader both turn into the same callable."""

import numpy as np

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import case_maker, with_hints

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "one step on a quadratic": {
        "en": "step against the gradient: x - lr * grad(x)",
        "zh": "沿梯度的反方向走：x - lr * grad(x)",
    },
    "many steps on a quadratic": {
        "en": "take exactly `steps` steps, evaluating the gradient at the current point each time",
        "zh": "恰好走 `steps` 步，每一步都在当前点计算梯度",
    },
    "Rosenbrock function": {
        "en": "the gradient changes from point to point: call grad(x) at every step",
        "zh": "梯度随位置变化：每一步都要调用 grad(x)",
    },
}

_case = case_maker("gradient_descent")


def _quadratic(a, b):
    return FunctionRef("quadratic_grad", {"a": a, "b": b})


def _spd(rng, d):
    """A symmetric positive definite matrix with eigenvalues in [0.5, 3] (so lr = 0.1 converges)."""
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * rng.uniform(0.5, 3.0, size=d)) @ q.T


def make_cases(rng):
    c = np.array([1.0, -2.0])
    a2, a3 = _spd(rng, 2), _spd(rng, 3)
    # (name, (grad, x0, lr, steps), options)
    rows = [
        ({"en": "example: constant gradient, 3 steps", "zh": "示例：常数梯度，3 步"}, (FunctionRef("linear_grad", {"c": c}), np.array([0.0, 0.0]), 0.1, 3), {"visible": True}),
        ({"en": "steps = 0 returns the start", "zh": "steps = 0 时返回起点"}, (FunctionRef("linear_grad", {"c": c}), np.array([1.5, -0.5]), 0.1, 0), {"visible": True}),
        ({"en": "one step on a quadratic", "zh": "在二次函数上走一步"}, (_quadratic(a2, rng.normal(size=2)), rng.normal(size=2), 0.1, 1), {}),
        ({"en": "many steps on a quadratic in 3-D", "zh": "在三维二次函数上走多步"}, (_quadratic(a3, rng.normal(size=3)), rng.normal(size=3), 0.1, 200), {}),
        ({"en": "a 1-D quadratic", "zh": "一维二次函数"}, (_quadratic(np.array([[2.0]]), np.array([4.0])), np.array([float(rng.uniform(-5.0, 5.0))]), 0.25, int(rng.integers(2, 10))), {}),
        ({"en": "Rosenbrock function, small learning rate", "zh": "Rosenbrock 函数，小学习率"}, (FunctionRef("rosenbrock_grad", {"a": 1.0, "b": 100.0}), rng.uniform(-1.5, 1.5, size=2), 1e-3, int(rng.integers(20, 60))), {}),
    ]  # fmt: skip
    cases = [_case(name, *args, **options) for name, args, options in rows]
    for i in range(2):
        d = int(rng.integers(2, 6))
        name = {"en": f"random quadratic {i + 1} in {d}-D", "zh": f"{d} 维随机二次函数 {i + 1}"}
        grad = _quadratic(_spd(rng, d), rng.normal(size=d))
        cases.append(_case(name, grad, rng.normal(size=d), float(rng.uniform(0.05, 0.2)), int(rng.integers(5, 50))))
    return with_hints(cases, HINTS)
