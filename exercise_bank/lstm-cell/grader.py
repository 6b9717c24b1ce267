"""Cases for lstm-cell: the statement's examples shown; batches, a missing state, no biases, large pre-activations,
batch_first, long sequences and random layers hidden. Weights follow torch's layout: the four gates' rows are
stacked input, forget, cell, output."""

import numpy as np

from gpu_runner.graders import recurrent
from gpu_runner.graders.code import with_hints

EXAMPLE = {
    "weight_ih": np.array([[1.0], [0.5], [-1.0], [2.0]]),
    "weight_hh": np.array([[0.5], [-0.5], [1.0], [0.0]]),
    "bias_ih": np.array([0.0, 1.0, 0.0, 0.0]),
    "bias_hh": np.array([0.0, 0.0, 0.5, -1.0]),
}
EXAMPLE_STATE = (np.array([0.5]), np.array([1.0]))
EXAMPLE_SEQ = np.array([[1.0], [-1.0], [0.5]])
ORDER = {
    "en": "torch stacks the gates' rows as input, forget, cell (g), output: split the 4 * hidden pre-activations in that order",
    "zh": "torch 按 输入门、遗忘门、候选值 (g)、输出门 的顺序堆叠各门的行：按这个顺序切分 4 * hidden 个预激活值",
}
CARRY = {
    "en": "both h and c go from each step to the next: the cell state is the LSTM's long-term memory",
    "zh": "h 和 c 都要从每一步传到下一步：单元状态 c 是 LSTM 的长期记忆",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    recurrent.SEQUENCE_BATCH["en"]: CARRY,  # listed before "a batch", which is a prefix of it
    "a batch": ORDER,
    recurrent.NO_STATE["en"]: {"en": "state = None means h = c = 0", "zh": "state = None 表示 h = c = 0"},
    "a single sample": {
        "en": "c' = sigmoid(f) * c + sigmoid(i) * tanh(g), then h' = sigmoid(o) * tanh(c')",
        "zh": "c' = sigmoid(f) * c + sigmoid(i) * tanh(g)，然后 h' = sigmoid(o) * tanh(c')",
    },
    "a layer without biases": ORDER,
    "large pre-activations": {
        "en": "the gates saturate at 0 and 1; compute the sigmoid without overflowing exp",
        "zh": "各门会饱和到 0 和 1；计算 sigmoid 时不要让 exp 溢出",
    },
    recurrent.BATCH_FIRST["en"]: {
        "en": "with batch_first the input and output are (batch, seq_len, features); h and c stay (1, batch, hidden)",
        "zh": "batch_first 时输入和输出是 (batch, seq_len, features)；h 和 c 仍是 (1, batch, hidden)",
    },
    recurrent.NO_INITIAL_STATE["en"]: {
        "en": "state = None means zeros for h0 and c0",
        "zh": "state = None 表示 h0 和 c0 全为 0",
    },
    "60 steps": CARRY,
    recurrent.UNBATCHED["en"]: {
        "en": "an unbatched sequence (seq_len, input_size) gives output (seq_len, hidden) and h, c of (1, hidden)",
        "zh": "不带批维度的序列 (seq_len, input_size) 得到 output (seq_len, hidden)，h 和 c 的形状为 (1, hidden)",
    },
    "random layer": ORDER,
}

_cell = recurrent.weighted_case("lstm_cell")
_layer = recurrent.weighted_case("lstm_forward")


def _weights(rng, inputs, hidden, bias=True, scale=None):
    return recurrent.torch_weights(rng, inputs, hidden, gates=4, bias=bias, scale=scale)


def _pair(rng, *shape):
    return (rng.normal(size=shape), rng.normal(size=shape))


def _cell_cases(rng):
    w = _weights(rng, 5, 3)
    # (name, x, state, weights, options)
    rows = [
        (recurrent.STEP_EXAMPLE, np.array([1.0]), EXAMPLE_STATE, EXAMPLE, {"visible": True}),
        ({"en": "a batch", "zh": "一个批次"}, rng.normal(size=(4, 5)), _pair(rng, 4, 3), w, {}),
        (recurrent.NO_STATE, rng.normal(size=(2, 5)), None, w, {}),
        ({"en": "a single sample", "zh": "单个样本"}, rng.normal(size=5), _pair(rng, 3), w, {}),
        ({"en": "a layer without biases", "zh": "没有偏置的层"}, rng.normal(size=(2, 5)), _pair(rng, 2, 3), _weights(rng, 5, 3, bias=False), {}),
        ({"en": "large pre-activations", "zh": "很大的预激活值"}, rng.normal(scale=30.0, size=(3, 5)), _pair(rng, 3, 3), _weights(rng, 5, 3, scale=20.0), {}),
    ]  # fmt: skip
    return [_cell(name, x, state, weights, **options) for name, x, state, weights, options in rows]


def _layer_cases(rng):
    w = _weights(rng, 4, 5)
    example_state = (EXAMPLE_STATE[0][None], EXAMPLE_STATE[1][None])
    # (name, x, state, weights, options)
    rows = [
        (recurrent.SEQUENCE_EXAMPLE, EXAMPLE_SEQ, example_state, EXAMPLE, {"visible": True}),
        (recurrent.SEQUENCE_BATCH, rng.normal(size=(8, 3, 4)), _pair(rng, 1, 3, 5), w, {}),
        (recurrent.BATCH_FIRST, rng.normal(size=(3, 8, 4)), _pair(rng, 1, 3, 5), w, {"batch_first": True}),
        (recurrent.NO_INITIAL_STATE, rng.normal(size=(5, 2, 4)), None, w, {}),
        ({"en": "60 steps", "zh": "60 步"}, rng.normal(size=(60, 2, 4)), _pair(rng, 1, 2, 5), w, {}),
        (recurrent.UNBATCHED, rng.normal(size=(6, 4)), _pair(rng, 1, 5), _weights(rng, 4, 5, bias=False), {}),
    ]  # fmt: skip
    return [_layer(name, x, state, weights, **options) for name, x, state, weights, options in rows]


def make_cases(rng):
    cases = _cell_cases(rng) + _layer_cases(rng)
    for i in range(2):
        inputs, hidden, steps, batch = recurrent.random_sizes(rng, 7)
        first, x = recurrent.random_sequence(rng, steps, batch, inputs)
        state = _pair(rng, 1, batch, hidden)
        weights = _weights(rng, inputs, hidden, bias=bool(rng.integers(0, 4)))
        cases.append(_layer(recurrent.random_layer(i + 1, "LSTM"), x, state, weights, batch_first=first))
    return with_hints(cases, HINTS)
