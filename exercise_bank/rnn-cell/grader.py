"""Cases for rnn-cell: the statement's examples shown; batches, a missing state, ReLU, no biases, rectangular
weights, batch_first, long sequences, an unknown nonlinearity and random layers hidden. Weights follow torch's
layout: weight_ih is (hidden_size, input_size)."""

import numpy as np

from gpu_runner.graders import recurrent
from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import with_hints

EXAMPLE = {
    "weight_ih": np.array([[0.5, -0.5], [1.0, 0.0]]),
    "weight_hh": np.array([[0.0, 1.0], [-1.0, 0.5]]),
    "bias_ih": np.array([0.1, 0.0]),
    "bias_hh": np.array([0.0, -0.2]),
}
EXAMPLE_SEQ = np.array([[1.0, -1.0], [0.5, 0.5], [0.0, 2.0]])
LAYOUT = {
    "en": "torch stores weight_ih as (hidden_size, input_size): the cell computes x @ weight_ih.T + h @ weight_hh.T",
    "zh": "torch 把 weight_ih 存成 (hidden_size, input_size)：单元计算 x @ weight_ih.T + h @ weight_hh.T",
}
CARRY = {
    "en": "each step's new hidden state is the next step's h: carry it through the loop",
    "zh": "每一步得到的新隐藏状态就是下一步的 h：要在循环里把它传下去",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a batch with rectangular weights": LAYOUT,
    recurrent.NO_STATE["en"]: {"en": "h = None means a zero hidden state", "zh": "h = None 表示隐藏状态全为 0"},
    "the ReLU cell": {
        "en": "nonlinearity='relu' replaces tanh by max(z, 0)",
        "zh": "nonlinearity='relu' 时用 max(z, 0) 代替 tanh",
    },
    "both biases": {
        "en": "there are two bias vectors, bias_ih and bias_hh, and both are added",
        "zh": "有两个偏置向量 bias_ih 和 bias_hh，两个都要加上",
    },
    "a cell without biases": {
        "en": "bias_ih = bias_hh = None: no bias at all",
        "zh": "bias_ih = bias_hh = None：完全没有偏置",
    },
    "an unknown nonlinearity": {
        "en": "raise ValueError for anything but 'tanh' and 'relu'",
        "zh": "除 'tanh' 和 'relu' 外一律抛出 ValueError",
    },
    recurrent.SEQUENCE_BATCH["en"]: CARRY,
    recurrent.BATCH_FIRST["en"]: {
        "en": "with batch_first the input and output are (batch, seq_len, features); h0 and h_n keep (1, batch, hidden)",
        "zh": "batch_first 时输入和输出是 (batch, seq_len, features)；h0 和 h_n 仍是 (1, batch, hidden)",
    },
    recurrent.NO_INITIAL_STATE["en"]: {"en": "h0 = None means zeros", "zh": "h0 = None 表示全 0"},
    "a ReLU layer over 40 steps": CARRY,
    recurrent.UNBATCHED["en"]: {
        "en": "an unbatched sequence (seq_len, input_size) gives output (seq_len, hidden) and h_n (1, hidden)",
        "zh": "不带批维度的序列 (seq_len, input_size) 得到 output (seq_len, hidden) 和 h_n (1, hidden)",
    },
    "a layer: an unknown nonlinearity": RAISE_VALUE_ERROR,
    "random layer": LAYOUT,
}

_cell = recurrent.weighted_case("rnn_cell")
_layer = recurrent.weighted_case("rnn_forward")


def _cell_cases(rng):
    w53 = recurrent.torch_weights(rng, 5, 3)
    # (name, x, h, weights, options)
    rows = [
        (recurrent.STEP_EXAMPLE, np.array([1.0, -1.0]), np.array([0.5, 0.0]), EXAMPLE, {"visible": True}),
        ({"en": "a batch with rectangular weights", "zh": "一个批次，权重不是方阵"}, rng.normal(size=(4, 5)), rng.normal(size=(4, 3)), w53, {}),
        (recurrent.NO_STATE, rng.normal(size=(2, 5)), None, w53, {}),
        ({"en": "the ReLU cell", "zh": "ReLU 单元"}, rng.normal(size=(3, 5)), rng.normal(size=(3, 3)), w53, {"nonlinearity": "relu"}),
        ({"en": "both biases", "zh": "两个偏置"}, rng.normal(size=(2, 5)), rng.normal(size=(2, 3)), {**w53, "bias_hh": rng.normal(size=3)}, {}),
        ({"en": "a cell without biases", "zh": "没有偏置的单元"}, rng.normal(size=(2, 5)), rng.normal(size=(2, 3)), recurrent.torch_weights(rng, 5, 3, bias=False), {}),
        ({"en": "an unknown nonlinearity", "zh": "未知的激活函数"}, rng.normal(size=5), rng.normal(size=3), w53, {"nonlinearity": "sigmoid"}),
    ]  # fmt: skip
    return [_cell(name, x, h, weights, **options) for name, x, h, weights, options in rows]


def _layer_cases(rng):
    w = recurrent.torch_weights(rng, 4, 6)
    # (name, x, h0, weights, options)
    rows = [
        (recurrent.SEQUENCE_EXAMPLE, EXAMPLE_SEQ, np.array([[0.5, 0.0]]), EXAMPLE, {"visible": True}),
        (recurrent.SEQUENCE_BATCH, rng.normal(size=(7, 3, 4)), rng.normal(size=(1, 3, 6)), w, {}),
        (recurrent.BATCH_FIRST, rng.normal(size=(3, 7, 4)), rng.normal(size=(1, 3, 6)), w, {"batch_first": True}),
        (recurrent.NO_INITIAL_STATE, rng.normal(size=(5, 2, 4)), None, w, {}),
        ({"en": "a ReLU layer over 40 steps", "zh": "40 步的 ReLU 层"}, rng.normal(size=(40, 2, 4)), rng.normal(size=(1, 2, 6)), w, {"nonlinearity": "relu"}),
        (recurrent.UNBATCHED, rng.normal(size=(6, 4)), rng.normal(size=(1, 6)), recurrent.torch_weights(rng, 4, 6, bias=False), {}),
        ({"en": "a layer: an unknown nonlinearity", "zh": "RNN 层：未知的激活函数"}, rng.normal(size=(3, 4)), None, w, {"nonlinearity": "gelu"}),
    ]  # fmt: skip
    return [_layer(name, x, h0, weights, **options) for name, x, h0, weights, options in rows]


def make_cases(rng):
    cases = _cell_cases(rng) + _layer_cases(rng)
    for i in range(2):
        inputs, hidden, steps, batch = recurrent.random_sizes(rng, 8)
        weights = recurrent.torch_weights(rng, inputs, hidden, bias=bool(rng.integers(0, 4)))
        first, x = recurrent.random_sequence(rng, steps, batch, inputs)
        h0 = rng.normal(size=(1, batch, hidden))
        nonlinearity = str(rng.choice(["tanh", "relu"]))
        name = recurrent.random_layer(i + 1, "RNN")
        cases.append(_layer(name, x, h0, weights, nonlinearity=nonlinearity, batch_first=first))
    return with_hints(cases, HINTS)
