"""Cases for gradient-descent: the gradient arrives as a codec.FunctionRef (a named function from a fixed
registry), which the sandbox driver and the grader both turn into the same callable."""

import numpy as np

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import Case


def _spd(rng, d):
    """A symmetric positive definite matrix with eigenvalues in [0.5, 3] (so lr = 0.1 converges)."""
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * rng.uniform(0.5, 3.0, size=d)) @ q.T


def make_cases(rng):
    c = np.array([1.0, -2.0])
    a2, a3 = _spd(rng, 2), _spd(rng, 3)
    cases = [
        Case(
            name={"en": "example: constant gradient, 3 steps", "zh": "示例：常数梯度，3 步"},
            fn="gradient_descent",
            args=(FunctionRef("linear_grad", {"c": c}), np.array([0.0, 0.0]), 0.1, 3),
            visible=True,
        ),
        Case(
            name={"en": "steps = 0 returns the start", "zh": "steps = 0 时返回起点"},
            fn="gradient_descent",
            args=(FunctionRef("linear_grad", {"c": c}), np.array([1.5, -0.5]), 0.1, 0),
            visible=True,
        ),
        Case(
            name={"en": "one step on a quadratic", "zh": "在二次函数上走一步"},
            fn="gradient_descent",
            args=(FunctionRef("quadratic_grad", {"a": a2, "b": rng.normal(size=2)}), rng.normal(size=2), 0.1, 1),
            hint={"en": "step against the gradient: x - lr * grad(x)", "zh": "沿梯度的反方向走：x - lr * grad(x)"},
        ),
        Case(
            name={"en": "many steps on a quadratic in 3-D", "zh": "在三维二次函数上走多步"},
            fn="gradient_descent",
            args=(FunctionRef("quadratic_grad", {"a": a3, "b": rng.normal(size=3)}), rng.normal(size=3), 0.1, 200),
            hint={
                "en": "take exactly `steps` steps, evaluating the gradient at the current point each time",
                "zh": "恰好走 `steps` 步，每一步都在当前点计算梯度",
            },
        ),
        Case(
            name={"en": "a 1-D quadratic", "zh": "一维二次函数"},
            fn="gradient_descent",
            args=(
                FunctionRef("quadratic_grad", {"a": np.array([[2.0]]), "b": np.array([4.0])}),
                np.array([float(rng.uniform(-5.0, 5.0))]),
                0.25,
                int(rng.integers(2, 10)),
            ),
        ),
        Case(
            name={"en": "Rosenbrock function, small learning rate", "zh": "Rosenbrock 函数，小学习率"},
            fn="gradient_descent",
            args=(
                FunctionRef("rosenbrock_grad", {"a": 1.0, "b": 100.0}),
                rng.uniform(-1.5, 1.5, size=2),
                1e-3,
                int(rng.integers(20, 60)),
            ),
            hint={
                "en": "the gradient changes from point to point: call grad(x) at every step",
                "zh": "梯度随位置变化：每一步都要调用 grad(x)",
            },
        ),
    ]
    for i in range(2):
        d = int(rng.integers(2, 6))
        cases.append(
            Case(
                name={"en": f"random quadratic {i + 1} in {d}-D", "zh": f"{d} 维随机二次函数 {i + 1}"},
                fn="gradient_descent",
                args=(
                    FunctionRef("quadratic_grad", {"a": _spd(rng, d), "b": rng.normal(size=d)}),
                    rng.normal(size=d),
                    float(rng.uniform(0.05, 0.2)),
                    int(rng.integers(5, 50)),
                ),
            )
        )
    return cases
