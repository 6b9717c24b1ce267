"""Cases for inverted-dropout: the statement's examples shown; p = 0 and p = 1, evaluation mode, a large batch,
a 3-D input, the backward pass with the forward pass's mask, probabilities out of range and random seeds hidden.
Every seed is drawn from the job's rng, so a mask cannot be copied from one job to the next."""

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE_X = np.arange(1.0, 9.0).reshape(2, 4)
EXAMPLE_GRAD = np.ones((2, 4))
MASK_RULE = {
    "en": "u = torch.rand(x.shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64); keep where "
    "u >= p, and scale the kept values by 1 / (1 - p)",
    "zh": "u = torch.rand(x.shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)；"
    "在 u >= p 的位置保留，并把保留的值乘以 1 / (1 - p)",
}
EVAL = {
    "en": "in evaluation (training=False) dropout does nothing: every unit is kept and nothing is scaled",
    "zh": "评估模式（training=False）下 dropout 什么也不做：保留全部单元，也不缩放",
}
BACKWARD = {
    "en": "the gradient flows only through the units the forward pass kept (the same seed gives the same mask), "
    "scaled by the same 1 / (1 - p)",
    "zh": "梯度只流过前向传播中保留下来的单元（同一个 seed 得到同一个掩码），并乘以同样的 1 / (1 - p)",
}
P_OUT_OF_RANGE = {"en": "raise ValueError when p is outside [0, 1]", "zh": "p 不在 [0, 1] 范围内时抛出 ValueError"}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a large batch": MASK_RULE,
    "a 3-D input": MASK_RULE,
    "p = 0 keeps everything": {
        "en": "with p = 0 nothing is dropped and 1 / (1 - p) = 1",
        "zh": "p = 0 时不丢弃任何单元，且 1 / (1 - p) = 1",
    },
    "p = 1 drops everything": {
        "en": "with p = 1 every unit is dropped: return zeros, never 0 / 0",
        "zh": "p = 1 时所有单元都被丢弃：返回全 0，不能出现 0 / 0",
    },
    "evaluation with": EVAL,
    "p = -0.1": P_OUT_OF_RANGE,
    "p = 1.5": P_OUT_OF_RANGE,
    "backward through a large batch": BACKWARD,
    "backward in evaluation": EVAL,
    "backward with p = 1": {
        "en": "nothing was kept, so no gradient gets through",
        "zh": "没有任何单元被保留，所以没有梯度能通过",
    },
    "backward with p = 2": P_OUT_OF_RANGE,
    "random input": MASK_RULE,
    "backward of random input": BACKWARD,
}


_dropout = case_maker("dropout", rtol=1e-12, atol=0.0)
_backward = case_maker("dropout_backward", rtol=1e-12, atol=0.0)


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def _forward_cases(rng):
    cases = [
        _dropout({"en": "example: training", "zh": "示例：训练模式"}, EXAMPLE_X, p=0.5, seed=0, visible=True),
        _dropout(
            {"en": "example: evaluation", "zh": "示例：评估模式"},
            EXAMPLE_X,
            p=0.5,
            training=False,
            seed=0,
            visible=True,
        ),
    ]
    # (name, input shape, keyword arguments but the seed): each draws its input, then its seed
    for name, shape, kwargs in (
        ({"en": "a large batch, p = 0.2", "zh": "较大的批次，p = 0.2"}, (64, 48), {"p": 0.2}),
        ({"en": "a 3-D input, p = 0.7", "zh": "三维输入，p = 0.7"}, (3, 5, 7), {"p": 0.7}),
        ({"en": "p = 0 keeps everything", "zh": "p = 0 时全部保留"}, (4, 6), {"p": 0.0}),
        ({"en": "p = 1 drops everything", "zh": "p = 1 时全部丢弃"}, (4, 6), {"p": 1.0}),
        ({"en": "evaluation with p = 0.9", "zh": "p = 0.9 的评估模式"}, (5, 5), {"p": 0.9, "training": False}),
    ):
        cases.append(_dropout(name, rng.normal(size=shape), **kwargs, seed=_seed(rng)))
    return [
        *cases,
        _dropout({"en": "p = -0.1", "zh": "p = -0.1"}, rng.normal(size=3), p=-0.1),
        _dropout({"en": "p = 1.5", "zh": "p = 1.5"}, rng.normal(size=3), p=1.5, training=False),
    ]


def _backward_cases(rng):
    seed = _seed(rng)
    cases = [_backward({"en": "example: backward", "zh": "示例：反向传播"}, EXAMPLE_GRAD, p=0.5, seed=0, visible=True)]
    # (name, gradient shape, keyword arguments but the seed): all three share the seed drawn above
    for name, shape, kwargs in (
        ({"en": "backward through a large batch", "zh": "大批次的反向传播"}, (32, 16), {"p": 0.3}),
        ({"en": "backward in evaluation", "zh": "评估模式的反向传播"}, (4, 4), {"p": 0.5, "training": False}),
        ({"en": "backward with p = 1", "zh": "p = 1 时的反向传播"}, (3, 3), {"p": 1.0}),
    ):
        cases.append(_backward(name, rng.normal(size=shape), **kwargs, seed=seed))
    cases.append(_backward({"en": "backward with p = 2", "zh": "p = 2 时的反向传播"}, rng.normal(size=3), p=2.0))
    return cases


def make_cases(rng):
    cases = _forward_cases(rng) + _backward_cases(rng)
    for i in range(2):
        shape = tuple(int(n) for n in rng.integers(1, 9, size=int(rng.integers(1, 4))))
        p, seed = float(rng.uniform(0.05, 0.95)), _seed(rng)
        for make, name in (
            (_dropout, {"en": f"random input {i + 1}", "zh": f"随机输入 {i + 1}"}),
            (_backward, {"en": f"backward of random input {i + 1}", "zh": f"随机输入 {i + 1} 的反向传播"}),
        ):
            cases.append(make(name, rng.normal(size=shape), p=p, seed=seed))
    return with_hints(cases, HINTS)
