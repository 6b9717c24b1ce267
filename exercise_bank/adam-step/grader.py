"""Cases for adam-step: the statement's examples shown; bias correction at small and large t, L2 weight decay and
AdamW's decoupled decay, a large eps, a zero gradient, other betas, bad arguments and random updates hidden; then
whole runs on quadratic and Rosenbrock surfaces whose gradient arrives as a codec.FunctionRef."""

import numpy as np

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE_PARAM = np.array([1.0, -2.0])
EXAMPLE_GRAD = np.array([0.5, -1.0])
BIAS_CORRECTION = {
    "en": "divide m by (1 - beta1^t) and v by (1 - beta2^t): early moments are biased towards their zero start",
    "zh": "m 要除以 (1 - beta1^t)，v 要除以 (1 - beta2^t)：早期的矩估计会偏向它们的初始值 0",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a weight matrix at an early step": BIAS_CORRECTION,
    "a late step": BIAS_CORRECTION,
    "L2 weight decay": {
        "en": "Adam's weight_decay adds weight_decay * param to the gradient before the moments are updated",
        "zh": "Adam 的 weight_decay 是在更新矩估计之前，把 weight_decay * param 加到梯度上",
    },
    "decoupled weight decay": {
        "en": "AdamW multiplies the weights by (1 - lr * weight_decay) and leaves the gradient and the moments alone",
        "zh": "AdamW 把权重乘以 (1 - lr * weight_decay)，梯度和矩估计都不受衰减影响",
    },
    "a large eps": {
        "en": "eps is added to the square root of v_hat, not under it",
        "zh": "eps 加在 v_hat 的平方根之后，而不是加在根号里面",
    },
    "a zero gradient": {
        "en": "with m = v = 0 the update is 0 / (0 + eps) = 0: the parameter does not move",
        "zh": "m = v = 0 时更新量为 0 / (0 + eps) = 0：参数不动",
    },
    "other betas": {
        "en": "v is a moving average of the squared gradient, with beta2",
        "zh": "v 是梯度平方的滑动平均，系数是 beta2",
    },
    "t = 0": {"en": "t counts steps from 1: raise ValueError", "zh": "t 从 1 开始计数：抛出 ValueError"},
    "a negative learning rate": RAISE_VALUE_ERROR,
    "beta1 = 1": RAISE_VALUE_ERROR,
    "shapes that differ": RAISE_VALUE_ERROR,
    "steps = 0": {"en": "a trajectory of shape (1, d): just x0", "zh": "形状为 (1, d) 的轨迹：只有 x0"},
    "200 steps on a quadratic": {
        "en": "count t from 1 and keep m and v from one step to the next",
        "zh": "t 从 1 开始计数，m 和 v 要从上一步延续到下一步",
    },
    "500 steps on the Rosenbrock function": BIAS_CORRECTION,
    "AdamW on a quadratic": {
        "en": "the decoupled decay is scaled by the learning rate: param * (1 - lr * weight_decay)",
        "zh": "解耦衰减要乘以学习率：param * (1 - lr * weight_decay)",
    },
    "random update": BIAS_CORRECTION,
}


_step = case_maker("adam_step", rtol=1e-9, atol=1e-12)
_run = case_maker("adam_minimize", rtol=1e-8, atol=1e-10)


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
    examples = [
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
    ]
    # (English name, Chinese name, (param, grad, m, v, t), keyword arguments), drawn in this order
    hidden = [
        ("a weight matrix at an early step", "早期步骤中的权重矩阵", weights, {"lr": 0.01}),
        ("a late step: beta2's correction still matters", "较晚的一步：beta2 的校正仍然重要", late, {"lr": 0.001}),
        ("L2 weight decay (Adam)", "L2 权重衰减（Adam）", decayed, {"lr": 0.01, "weight_decay": decay}),
        (
            "decoupled weight decay (AdamW)",
            "解耦权重衰减（AdamW）",
            decayed,
            {"lr": 0.01, "weight_decay": decay, "decoupled": True},
        ),
        ("a large eps", "较大的 eps", _random_step(rng, (4,), 1), {"lr": 0.1, "eps": 0.1}),
        (
            "a zero gradient at the first step",
            "第一步梯度为 0",
            (rng.normal(size=3), zeros, zeros, zeros, 1),
            {"lr": 0.1},
        ),
        (
            "other betas",
            "其他 betas",
            _random_step(rng, (6,), int(rng.integers(2, 8))),
            {"lr": 0.05, "betas": (0.5, 0.9)},
        ),
        ("t = 0", "t = 0", (*_random_step(rng, (2,), 1)[:4], 0), {}),
        ("a negative learning rate", "负的学习率", _random_step(rng, (2,), 1), {"lr": -0.1}),
        ("beta1 = 1", "beta1 = 1", _random_step(rng, (2,), 1), {"betas": (1.0, 0.999)}),
        ("shapes that differ", "形状不一致", (np.zeros(3), np.zeros(2), np.zeros(3), np.zeros(3), 1), {}),
    ]
    return examples + [_step({"en": en, "zh": zh}, *args, **kwargs) for en, zh, args, kwargs in hidden]


def _quadratic(rng, a):
    """The gradient of 0.5 x^T a x - b^T x for a random b, and a random start."""
    return FunctionRef("quadratic_grad", {"a": a, "b": rng.normal(size=len(a))}), rng.normal(size=len(a))


def _run_cases(rng):
    a2, a3 = _spd(rng, 2), _spd(rng, 3)
    example = _run(
        {"en": "example: 3 steps on a quadratic", "zh": "示例：在二次函数上走 3 步"},
        FunctionRef("quadratic_grad", {"a": np.array([[2.0, 0.0], [0.0, 1.0]]), "b": np.array([2.0, -1.0])}),
        np.array([0.0, 0.0]),
        3,
        lr=0.1,
        visible=True,
    )
    rosenbrock = FunctionRef("rosenbrock_grad", {"a": 1.0, "b": 100.0})
    # (English name, Chinese name, (grad_fn, x0), steps, keyword arguments), drawn in this order
    hidden = [
        ("steps = 0 returns the start", "steps = 0 时返回起点", _quadratic(rng, a2), 0, {}),
        ("200 steps on a quadratic in 3-D", "在三维二次函数上走 200 步", _quadratic(rng, a3), 200, {"lr": 0.05}),
        (
            "500 steps on the Rosenbrock function",
            "在 Rosenbrock 函数上走 500 步",
            (rosenbrock, rng.uniform(-1.5, 0.5, size=2)),
            500,
            {"lr": 0.02},
        ),
        (
            "AdamW on a quadratic",
            "在二次函数上运行 AdamW",
            _quadratic(rng, a2),
            50,
            {"lr": 0.05, "weight_decay": 0.3, "decoupled": True},
        ),
    ]
    return [example] + [_run({"en": en, "zh": zh}, *start, steps, **kwargs) for en, zh, start, steps, kwargs in hidden]


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
            )
        )
    return with_hints(cases, HINTS)
