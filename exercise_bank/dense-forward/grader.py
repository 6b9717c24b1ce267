"""Cases for dense-forward: the statement's two-layer example shown; batches, every activation, large inputs,
layers that do not fit, and random deep networks hidden."""

import numpy as np

from gpu_runner.graders.code import Case

EXAMPLE = [
    {"W": np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5]]), "b": np.array([0.0, 0.5, 0.1]), "activation": "relu"},
    {"W": np.array([[1.0], [-2.0], [0.5]]), "b": np.array([0.2]), "activation": "sigmoid"},
]
RAISE = {"en": "raise ValueError", "zh": "抛出 ValueError"}


def _layer(rng, n_in, n_out, activation, scale=1.0):
    return {
        "W": rng.normal(scale=scale, size=(n_in, n_out)),
        "b": rng.normal(scale=0.5, size=n_out),
        "activation": activation,
    }


def _net(rng, widths, activations, scale=1.0):
    return [_layer(rng, a, b, act, scale) for a, b, act in zip(widths, widths[1:], activations)]


def _forward(name, x, layers, *, visible=False, hint=None):
    return Case(name=name, fn="forward", args=(x, layers), visible=visible, hint=hint or "", rtol=1e-9, atol=1e-12)


def _count(name, layers, *, visible=False, hint=None):
    return Case(name=name, fn="count_parameters", args=(layers,), visible=visible, hint=hint or "")


def make_cases(rng):
    softmax_head = _net(rng, [4, 5, 3], ["tanh", "softmax"])
    cases = [
        _forward({"en": "example: one sample", "zh": "示例：单个样本"}, np.array([1.0, 2.0]), EXAMPLE, visible=True),
        _forward(
            {"en": "example: a batch of two", "zh": "示例：两个样本的批次"},
            np.array([[1.0, 2.0], [-1.0, 0.5]]),
            EXAMPLE,
            visible=True,
        ),
        _count({"en": "example: parameters", "zh": "示例：参数个数"}, EXAMPLE, visible=True),
        _forward(
            {"en": "a batch keeps one row per sample", "zh": "批次中每个样本占一行"},
            rng.normal(size=(6, 4)),
            _net(rng, [4, 3, 2], ["relu", "identity"]),
            hint={
                "en": "with x of shape (n, d), x @ W has shape (n, out): every row is one sample",
                "zh": "x 的形状为 (n, d) 时，x @ W 的形状是 (n, out)：每一行是一个样本",
            },
        ),
        _forward(
            {"en": "a softmax output layer on a batch", "zh": "批次上的 softmax 输出层"},
            rng.normal(size=(5, 4)),
            softmax_head,
            hint={
                "en": "softmax normalises each sample (each row) separately",
                "zh": "softmax 对每个样本（每一行）分别归一化",
            },
        ),
        _forward(
            {"en": "softmax of large scores", "zh": "很大的分数上的 softmax"},
            rng.normal(size=(3, 4)),
            _net(rng, [4, 6], ["softmax"], scale=400.0),
            hint={
                "en": "subtract each row's maximum before exp",
                "zh": "取 exp 之前先减去每一行的最大值",
            },
        ),
        _forward(
            {"en": "sigmoid of large negative inputs", "zh": "很大的负输入上的 sigmoid"},
            np.array([[3.0, -2.0]]),
            [{"W": np.array([[-400.0, 300.0], [200.0, -100.0]]), "b": np.zeros(2), "activation": "sigmoid"}],
        ),
        _forward(
            {"en": "tanh and identity layers", "zh": "tanh 层与恒等层"},
            rng.normal(size=3),
            _net(rng, [3, 4, 4, 2], ["tanh", "identity", "tanh"]),
        ),
        _forward(
            {"en": "a layer without an activation key is identity", "zh": "没有 activation 键的层即恒等层"},
            np.array([1.0, -1.0]),
            [{"W": np.array([[2.0, 0.0], [0.0, 3.0]]), "b": np.array([1.0, 1.0])}],
        ),
        _forward(
            {"en": "no layers", "zh": "没有任何层"},
            np.array([1.5, -2.0]),
            [],
            hint={"en": "the output is x itself, as floats", "zh": "输出就是 x 本身（浮点数）"},
        ),
        _forward(
            {"en": "W does not fit the input", "zh": "W 与输入不匹配"},
            np.array([1.0, 2.0, 3.0]),
            EXAMPLE,
            hint=RAISE,
        ),
        _forward(
            {"en": "b of the wrong length", "zh": "b 的长度不对"},
            np.array([1.0, 2.0]),
            [{"W": np.ones((2, 3)), "b": np.ones(2), "activation": "relu"}],
            hint=RAISE,
        ),
        _forward(
            {"en": "an unknown activation", "zh": "未知的激活函数"},
            np.array([1.0, 2.0]),
            [{"W": np.ones((2, 2)), "b": np.zeros(2), "activation": "gelu"}],
            hint=RAISE,
        ),
        _count(
            {"en": "parameters of a deeper network", "zh": "更深网络的参数个数"},
            _net(rng, [7, 5, 5, 3], ["relu", "relu", "softmax"]),
            hint={"en": "each layer has in·out weights and out biases", "zh": "每层有 in·out 个权重和 out 个偏置"},
        ),
    ]
    for i in range(2):
        widths = [int(w) for w in rng.integers(2, 9, size=int(rng.integers(3, 6)))]
        activations = [str(a) for a in rng.choice(["relu", "sigmoid", "tanh", "identity"], size=len(widths) - 2)] + [
            "softmax"
        ]
        cases.append(
            _forward(
                {"en": f"random network {i + 1}", "zh": f"随机网络 {i + 1}"},
                rng.normal(size=(int(rng.integers(1, 8)), widths[0])),
                _net(rng, widths, activations),
            )
        )
    return cases
