"""Cases for adam-step: the statement's examples shown; bias correction at small and large t, L2 weight decay and
AdamW's decoupled decay, a large eps, a zero gradient, other betas, bad arguments and random updates hidden; then
whole runs on quadratic and Rosenbrock surfaces whose gradient arrives as a codec.FunctionRef."""

import numpy as np

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import Case

EXAMPLE_PARAM = np.array([1.0, -2.0])
EXAMPLE_GRAD = np.array([0.5, -1.0])
BIAS_CORRECTION = {
    "en": "divide m by (1 - beta1^t) and v by (1 - beta2^t): early moments are biased towards their zero start",
    "zh": "m 要除以 (1 - beta1^t)，v 要除以 (1 - beta2^t)：早期的矩估计会偏向它们的初始值 0",
}
VALUE_ERROR = {"en": "raise ValueError", "zh": "抛出 ValueError"}


def _step(name, param, grad, m, v, t, *, visible=False, hint=None, **kwargs):
    return Case(
        name=name,
        fn="adam_step",
        args=(param, grad, m, v, t),
        kwargs=kwargs,
        visible=visible,
        hint=hint or "",
        rtol=1e-9,
        atol=1e-12,
    )


def _run(name, grad_fn, x0, steps, *, visible=False, hint=None, **kwargs):
    return Case(
        name=name,
        fn="adam_minimize",
        args=(grad_fn, x0, steps),
        kwargs=kwargs,
        visible=visible,
        hint=hint or "",
        rtol=1e-8,
        atol=1e-10,
    )


def _moments(rng, shape, t):
    """Moment estimates that a run could have reached by step t - 1 (zeros before the first step)."""
    if t == 1:
        return np.zeros(shape), np.zeros(shape)
    return rng.normal(scale=0.1, size=shape), rng.uniform(1e-4, 1e-2, size=shape)


def _random_step(rng, shape, t):
    m, v = _moments(rng, shape, t)
    return rng.normal(size=shape), rng.normal(scale=0.5, size=shape), m, v, t


def _spd(rng, d):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * rng.uniform(0.5, 3.0, size=d)) @ q.T


def _step_cases(rng):
    weights = _random_step(rng, (3, 4), int(rng.integers(2, 6)))
    late = _random_step(rng, (5,), int(rng.integers(500, 2000)))
    decayed = _random_step(rng, (4,), int(rng.integers(2, 20)))
    decay = float(rng.uniform(0.05, 0.5))
    zeros = np.zeros(3)
    return [
        _step(
            {"en": "example: the first step", "zh": "示例：第一步"},
            EXAMPLE_PARAM,
            EXAMPLE_GRAD,
            zeros[:2],
            zeros[:2],
            1,
            lr=0.1,
            visible=True,
        ),
        _step(
            {"en": "example: step 3 with weight decay", "zh": "示例：带权重衰减的第 3 步"},
            EXAMPLE_PARAM,
            EXAMPLE_GRAD,
            np.array([0.1, -0.2]),
            np.array([0.01, 0.04]),
            3,
            lr=0.1,
            weight_decay=0.1,
            visible=True,
        ),
        _step(
            {"en": "a weight matrix at an early step", "zh": "早期步骤中的权重矩阵"},
            *weights,
            lr=0.01,
            hint=BIAS_CORRECTION,
        ),
        _step(
            {"en": "a late step: beta2's correction still matters", "zh": "较晚的一步：beta2 的校正仍然重要"},
            *late,
            lr=0.001,
            hint=BIAS_CORRECTION,
        ),
        _step(
            {"en": "L2 weight decay (Adam)", "zh": "L2 权重衰减（Adam）"},
            *decayed,
            lr=0.01,
            weight_decay=decay,
            hint={
                "en": "Adam's weight_decay adds weight_decay * param to the gradient before the moments are updated",
                "zh": "Adam 的 weight_decay 是在更新矩估计之前，把 weight_decay * param 加到梯度上",
            },
        ),
        _step(
            {"en": "decoupled weight decay (AdamW)", "zh": "解耦权重衰减（AdamW）"},
            *decayed,
            lr=0.01,
            weight_decay=decay,
            decoupled=True,
            hint={
                "en": "AdamW multiplies the weights by (1 - lr * weight_decay) and leaves the gradient and the moments alone",
                "zh": "AdamW 把权重乘以 (1 - lr * weight_decay)，梯度和矩估计都不受衰减影响",
            },
        ),
        _step(
            {"en": "a large eps", "zh": "较大的 eps"},
            *_random_step(rng, (4,), 1),
            lr=0.1,
            eps=0.1,
            hint={
                "en": "eps is added to the square root of v_hat, not under it",
                "zh": "eps 加在 v_hat 的平方根之后，而不是加在根号里面",
            },
        ),
        _step(
            {"en": "a zero gradient at the first step", "zh": "第一步梯度为 0"},
            rng.normal(size=3),
            zeros,
            zeros,
            zeros,
            1,
            lr=0.1,
            hint={
                "en": "with m = v = 0 the update is 0 / (0 + eps) = 0: the parameter does not move",
                "zh": "m = v = 0 时更新量为 0 / (0 + eps) = 0：参数不动",
            },
        ),
        _step(
            {"en": "other betas", "zh": "其他 betas"},
            *_random_step(rng, (6,), int(rng.integers(2, 8))),
            lr=0.05,
            betas=(0.5, 0.9),
            hint={
                "en": "v is a moving average of the squared gradient, with beta2",
                "zh": "v 是梯度平方的滑动平均，系数是 beta2",
            },
        ),
        _step(
            {"en": "t = 0", "zh": "t = 0"},
            *_random_step(rng, (2,), 1)[:4],
            0,
            hint={"en": "t counts steps from 1: raise ValueError", "zh": "t 从 1 开始计数：抛出 ValueError"},
        ),
        _step(
            {"en": "a negative learning rate", "zh": "负的学习率"},
            *_random_step(rng, (2,), 1),
            lr=-0.1,
            hint=VALUE_ERROR,
        ),
        _step(
            {"en": "beta1 = 1", "zh": "beta1 = 1"}, *_random_step(rng, (2,), 1), betas=(1.0, 0.999), hint=VALUE_ERROR
        ),
        _step(
            {"en": "shapes that differ", "zh": "形状不一致"},
            np.zeros(3),
            np.zeros(2),
            np.zeros(3),
            np.zeros(3),
            1,
            hint=VALUE_ERROR,
        ),
    ]


def _run_cases(rng):
    a2, a3 = _spd(rng, 2), _spd(rng, 3)
    return [
        _run(
            {"en": "example: 3 steps on a quadratic", "zh": "示例：在二次函数上走 3 步"},
            FunctionRef("quadratic_grad", {"a": np.array([[2.0, 0.0], [0.0, 1.0]]), "b": np.array([2.0, -1.0])}),
            np.array([0.0, 0.0]),
            3,
            lr=0.1,
            visible=True,
        ),
        _run(
            {"en": "steps = 0 returns the start", "zh": "steps = 0 时返回起点"},
            FunctionRef("quadratic_grad", {"a": a2, "b": rng.normal(size=2)}),
            rng.normal(size=2),
            0,
            hint={"en": "a trajectory of shape (1, d): just x0", "zh": "形状为 (1, d) 的轨迹：只有 x0"},
        ),
        _run(
            {"en": "200 steps on a quadratic in 3-D", "zh": "在三维二次函数上走 200 步"},
            FunctionRef("quadratic_grad", {"a": a3, "b": rng.normal(size=3)}),
            rng.normal(size=3),
            200,
            lr=0.05,
            hint={
                "en": "count t from 1 and keep m and v from one step to the next",
                "zh": "t 从 1 开始计数，m 和 v 要从上一步延续到下一步",
            },
        ),
        _run(
            {"en": "500 steps on the Rosenbrock function", "zh": "在 Rosenbrock 函数上走 500 步"},
            FunctionRef("rosenbrock_grad", {"a": 1.0, "b": 100.0}),
            rng.uniform(-1.5, 0.5, size=2),
            500,
            lr=0.02,
            hint=BIAS_CORRECTION,
        ),
        _run(
            {"en": "AdamW on a quadratic", "zh": "在二次函数上运行 AdamW"},
            FunctionRef("quadratic_grad", {"a": a2, "b": rng.normal(size=2)}),
            rng.normal(size=2),
            50,
            lr=0.05,
            weight_decay=0.3,
            decoupled=True,
            hint={
                "en": "the decoupled decay is scaled by the learning rate: param * (1 - lr * weight_decay)",
                "zh": "解耦衰减要乘以学习率：param * (1 - lr * weight_decay)",
            },
        ),
    ]


def make_cases(rng):
    cases = _step_cases(rng) + _run_cases(rng)
    for i in range(2):
        shape = tuple(int(n) for n in rng.integers(1, 5, size=int(rng.integers(1, 3))))
        t = int(rng.integers(1, 50))
        decoupled = bool(rng.integers(0, 2))
        cases.append(
            _step(
                {"en": f"random update {i + 1}", "zh": f"随机更新 {i + 1}"},
                *_random_step(rng, shape, t),
                lr=float(rng.uniform(1e-4, 0.1)),
                weight_decay=float(rng.choice([0.0, 0.01, 0.1])),
                decoupled=decoupled,
                hint=BIAS_CORRECTION,
            )
        )
    return cases
