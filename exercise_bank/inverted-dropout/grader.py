"""Cases for inverted-dropout: the statement's examples shown; p = 0 and p = 1, evaluation mode, a large batch,
a 3-D input, the backward pass with the forward pass's mask, probabilities out of range and random seeds hidden.
Every seed is drawn from the job's rng, so a mask cannot be copied from one job to the next."""

import numpy as np

from gpu_runner.graders.code import Case

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
VALUE_ERROR = {"en": "raise ValueError when p is outside [0, 1]", "zh": "p 不在 [0, 1] 范围内时抛出 ValueError"}


def _case(name, fn, x, *, visible=False, hint=None, **kwargs):
    return Case(name=name, fn=fn, args=(x,), kwargs=kwargs, visible=visible, hint=hint or "", rtol=1e-12, atol=0.0)


def _seed(rng):
    return int(rng.integers(0, 2**31 - 1))


def _forward_cases(rng):
    return [
        _case({"en": "example: training", "zh": "示例：训练模式"}, "dropout", EXAMPLE_X, p=0.5, seed=0, visible=True),
        _case(
            {"en": "example: evaluation", "zh": "示例：评估模式"},
            "dropout",
            EXAMPLE_X,
            p=0.5,
            training=False,
            seed=0,
            visible=True,
        ),
        _case(
            {"en": "a large batch, p = 0.2", "zh": "较大的批次，p = 0.2"},
            "dropout",
            rng.normal(size=(64, 48)),
            p=0.2,
            seed=_seed(rng),
            hint=MASK_RULE,
        ),
        _case(
            {"en": "a 3-D input, p = 0.7", "zh": "三维输入，p = 0.7"},
            "dropout",
            rng.normal(size=(3, 5, 7)),
            p=0.7,
            seed=_seed(rng),
            hint=MASK_RULE,
        ),
        _case(
            {"en": "p = 0 keeps everything", "zh": "p = 0 时全部保留"},
            "dropout",
            rng.normal(size=(4, 6)),
            p=0.0,
            seed=_seed(rng),
            hint={
                "en": "with p = 0 nothing is dropped and 1 / (1 - p) = 1",
                "zh": "p = 0 时不丢弃任何单元，且 1 / (1 - p) = 1",
            },
        ),
        _case(
            {"en": "p = 1 drops everything", "zh": "p = 1 时全部丢弃"},
            "dropout",
            rng.normal(size=(4, 6)),
            p=1.0,
            seed=_seed(rng),
            hint={
                "en": "with p = 1 every unit is dropped: return zeros, never 0 / 0",
                "zh": "p = 1 时所有单元都被丢弃：返回全 0，不能出现 0 / 0",
            },
        ),
        _case(
            {"en": "evaluation with p = 0.9", "zh": "p = 0.9 的评估模式"},
            "dropout",
            rng.normal(size=(5, 5)),
            p=0.9,
            training=False,
            seed=_seed(rng),
            hint=EVAL,
        ),
        _case({"en": "p = -0.1", "zh": "p = -0.1"}, "dropout", rng.normal(size=3), p=-0.1, hint=VALUE_ERROR),
        _case(
            {"en": "p = 1.5", "zh": "p = 1.5"}, "dropout", rng.normal(size=3), p=1.5, training=False, hint=VALUE_ERROR
        ),
    ]


def _backward_cases(rng):
    seed = _seed(rng)
    return [
        _case(
            {"en": "example: backward", "zh": "示例：反向传播"},
            "dropout_backward",
            EXAMPLE_GRAD,
            p=0.5,
            seed=0,
            visible=True,
        ),
        _case(
            {"en": "backward through a large batch", "zh": "大批次的反向传播"},
            "dropout_backward",
            rng.normal(size=(32, 16)),
            p=0.3,
            seed=seed,
            hint=BACKWARD,
        ),
        _case(
            {"en": "backward in evaluation", "zh": "评估模式的反向传播"},
            "dropout_backward",
            rng.normal(size=(4, 4)),
            p=0.5,
            training=False,
            seed=seed,
            hint=EVAL,
        ),
        _case(
            {"en": "backward with p = 1", "zh": "p = 1 时的反向传播"},
            "dropout_backward",
            rng.normal(size=(3, 3)),
            p=1.0,
            seed=seed,
            hint={
                "en": "nothing was kept, so no gradient gets through",
                "zh": "没有任何单元被保留，所以没有梯度能通过",
            },
        ),
        _case(
            {"en": "backward with p = 2", "zh": "p = 2 时的反向传播"},
            "dropout_backward",
            rng.normal(size=3),
            p=2.0,
            hint=VALUE_ERROR,
        ),
    ]


def make_cases(rng):
    cases = _forward_cases(rng) + _backward_cases(rng)
    for i in range(2):
        shape = tuple(int(n) for n in rng.integers(1, 9, size=int(rng.integers(1, 4))))
        p, seed = float(rng.uniform(0.05, 0.95)), _seed(rng)
        cases.append(
            _case(
                {"en": f"random input {i + 1}", "zh": f"随机输入 {i + 1}"},
                "dropout",
                rng.normal(size=shape),
                p=p,
                seed=seed,
                hint=MASK_RULE,
            )
        )
        cases.append(
            _case(
                {"en": f"backward of random input {i + 1}", "zh": f"随机输入 {i + 1} 的反向传播"},
                "dropout_backward",
                rng.normal(size=shape),
                p=p,
                seed=seed,
                hint=BACKWARD,
            )
        )
    return cases
