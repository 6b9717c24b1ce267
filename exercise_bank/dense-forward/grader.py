"""Cases for dense-forward: the statement's two-layer example shown; batches, every activation, large inputs,
layers that do not fit, and random deep networks hidden."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker

EXAMPLE = [
    {"W": np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5]]), "b": np.array([0.0, 0.5, 0.1]), "activation": "relu"},
    {"W": np.array([[1.0], [-2.0], [0.5]]), "b": np.array([0.2]), "activation": "sigmoid"},
]


def _layer(rng, n_in, n_out, activation, scale=1.0):
    return {
        "W": rng.normal(scale=scale, size=(n_in, n_out)),
        "b": rng.normal(scale=0.5, size=n_out),
        "activation": activation,
    }


def _net(rng, widths, activations, scale=1.0):
    return [_layer(rng, a, b, act, scale) for a, b, act in zip(widths, widths[1:], activations)]


_forward = case_maker("forward", rtol=1e-9, atol=1e-12)
_count = case_maker("count_parameters")


def make_cases(rng):
    softmax_head = _net(rng, [4, 5, 3], ["tanh", "softmax"])
    cases = [
        _forward(bilingual("example: one sample", "示例：单个样本"), np.array([1.0, 2.0]), EXAMPLE, visible=True),
        _forward(
            bilingual("example: a batch of two", "示例：两个样本的批次"),
            np.array([[1.0, 2.0], [-1.0, 0.5]]),
            EXAMPLE,
            visible=True,
        ),
        _count(bilingual("example: parameters", "示例：参数个数"), EXAMPLE, visible=True),
    ]
    # (English name, Chinese name, x, layers, hint), drawn in this order
    hidden = [
        (
            "a batch keeps one row per sample",
            "批次中每个样本占一行",
            rng.normal(size=(6, 4)),
            _net(rng, [4, 3, 2], ["relu", "identity"]),
            {
                "en": "with x of shape (n, d), x @ W has shape (n, out): every row is one sample",
                "zh": "x 的形状为 (n, d) 时，x @ W 的形状是 (n, out)：每一行是一个样本",
            },
        ),
        (
            "a softmax output layer on a batch",
            "批次上的 softmax 输出层",
            rng.normal(size=(5, 4)),
            softmax_head,
            {
                "en": "softmax normalises each sample (each row) separately",
                "zh": "softmax 对每个样本（每一行）分别归一化",
            },
        ),
        (
            "softmax of large scores",
            "很大的分数上的 softmax",
            rng.normal(size=(3, 4)),
            _net(rng, [4, 6], ["softmax"], scale=400.0),
            {"en": "subtract each row's maximum before exp", "zh": "取 exp 之前先减去每一行的最大值"},
        ),
        (
            "sigmoid of large negative inputs",
            "很大的负输入上的 sigmoid",
            np.array([[3.0, -2.0]]),
            [{"W": np.array([[-400.0, 300.0], [200.0, -100.0]]), "b": np.zeros(2), "activation": "sigmoid"}],
            "",
        ),
        (
            "tanh and identity layers",
            "tanh 层与恒等层",
            rng.normal(size=3),
            _net(rng, [3, 4, 4, 2], ["tanh", "identity", "tanh"]),
            "",
        ),
        (
            "a layer without an activation key is identity",
            "没有 activation 键的层即恒等层",
            np.array([1.0, -1.0]),
            [{"W": np.array([[2.0, 0.0], [0.0, 3.0]]), "b": np.array([1.0, 1.0])}],
            "",
        ),
        (
            "no layers",
            "没有任何层",
            np.array([1.5, -2.0]),
            [],
            {"en": "the output is x itself, as floats", "zh": "输出就是 x 本身（浮点数）"},
        ),
        ("W does not fit the input", "W 与输入不匹配", np.array([1.0, 2.0, 3.0]), EXAMPLE, RAISE_VALUE_ERROR),
        (
            "b of the wrong length",
            "b 的长度不对",
            np.array([1.0, 2.0]),
            [{"W": np.ones((2, 3)), "b": np.ones(2), "activation": "relu"}],
            RAISE_VALUE_ERROR,
        ),
        (
            "an unknown activation",
            "未知的激活函数",
            np.array([1.0, 2.0]),
            [{"W": np.ones((2, 2)), "b": np.zeros(2), "activation": "gelu"}],
            RAISE_VALUE_ERROR,
        ),
    ]
    cases += [_forward(bilingual(en, zh), x, layers, hint=hint) for en, zh, x, layers, hint in hidden]
    cases.append(
        _count(
            bilingual("parameters of a deeper network", "更深网络的参数个数"),
            _net(rng, [7, 5, 5, 3], ["relu", "relu", "softmax"]),
            hint={"en": "each layer has in·out weights and out biases", "zh": "每层有 in·out 个权重和 out 个偏置"},
        )
    )
    for i in range(2):
        widths = [int(w) for w in rng.integers(2, 9, size=int(rng.integers(3, 6)))]
        activations = [str(a) for a in rng.choice(["relu", "sigmoid", "tanh", "identity"], size=len(widths) - 2)] + [
            "softmax"
        ]
        cases.append(
            _forward(
                bilingual(f"random network {i + 1}", f"随机网络 {i + 1}"),
                rng.normal(size=(int(rng.integers(1, 8)), widths[0])),
                _net(rng, widths, activations),
            )
        )
    return cases
