"""Cases for rotary-embedding: the angle table, rotations at offset and large positions, batches, other bases."""

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

TABLE, APPLY = "rope_cos_sin", "apply_rope"


HALF_SPLIT = {
    "en": (
        "pair feature i with feature i + dim/2 (the two halves), not neighbours 2i and 2i+1; "
        "rotate_half(x) = concat(-x[..., dim/2:], x[..., :dim/2])"
    ),
    "zh": "把特征 i 与特征 i + dim/2 配对（前后两半），而不是相邻的 2i 和 2i+1；rotate_half(x) = concat(-x[..., dim/2:], x[..., :dim/2])",
}
FREQUENCY = {
    "en": "pair i turns by position * base ** (-2i / dim) for i = 0 .. dim/2 - 1; cos and sin repeat that table for both halves",
    "zh": "第 i 对的转角是 position * base ** (-2i / dim)，i = 0 .. dim/2 - 1；cos 和 sin 的前后两半重复这张表",
}
POSITIONS = {
    "en": "use the positions you are given (with a KV cache they do not start at 0), not 0 .. seq-1",
    "zh": "使用传入的位置（有 KV 缓存时它们不从 0 开始），而不是 0 .. seq-1",
}

BAD_INPUT = {
    "en": "raise ValueError for an odd or zero dim, or when positions do not have one entry per token",
    "zh": "dim 为奇数或 0，或 positions 的个数与词元数不一致时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "the table for dim": FREQUENCY,
    "the table with Llama 3's base": {
        "en": "base replaces 10000 in base ** (-2i / dim)",
        "zh": "base 替代 base ** (-2i / dim) 中的 10000",
    },
    "position 0 leaves a vector unchanged": {
        "en": "at position 0 every angle is 0: cos = 1, sin = 0",
        "zh": "位置 0 的所有转角都是 0：cos = 1，sin = 0",
    },
    "one sequence": HALF_SPLIT,
    "batch and head dimensions": {
        "en": "x has any number of leading axes; cos and sin of shape (seq, dim) broadcast against them",
        "zh": "x 前面可以有任意多个轴；形状为 (seq, dim) 的 cos 和 sin 会与它们广播",
    },
    "positions after a KV cache": POSITIONS,
    "positions in any order": POSITIONS,
    "a long context": {
        "en": "compute the angles in float64: in float32 an angle of 50000 radians is off by ~0.003",
        "zh": "用 float64 计算转角：在 float32 下 50000 弧度的转角会差约 0.003",
    },
    "another base": FREQUENCY,
    "an odd dim raises": BAD_INPUT,
    "positions of the wrong length raise": BAD_INPUT,
}
_table = case_maker(TABLE)
_apply = case_maker(APPLY)


def make_cases(rng):
    cases = [
        _table(
            {"en": "statement example: the angle table", "zh": "题目示例：转角表"}, np.array([0, 1, 2]), 4, visible=True
        ),
        _apply(
            {"en": "statement example: rotating two tokens", "zh": "题目示例：旋转两个词元"},
            np.array([[1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0]]),
            np.array([0, 1]),
            visible=True,
        ),
        _table({"en": "the table for dim = 2", "zh": "dim = 2 时的转角表"}, np.arange(6), 2),
        _table({"en": "the table for dim = 64", "zh": "dim = 64 时的转角表"}, np.arange(50), 64),
        _table(
            {"en": "the table with Llama 3's base 500000", "zh": "使用 Llama 3 的 base 500000 的转角表"},
            np.arange(0, 40, 3),
            16,
            base=500000.0,
        ),
    ]
    dim = 2 * int(rng.integers(2, 9))
    x = rng.normal(size=(1, dim))
    seq = int(rng.integers(3, 9))
    cases += [
        _apply({"en": "position 0 leaves a vector unchanged", "zh": "位置 0 不改变向量"}, x, np.array([0])),
        _apply(
            {"en": "one sequence, positions 0 .. seq-1", "zh": "一个序列，位置 0 .. seq-1"},
            rng.normal(size=(seq, dim)),
            np.arange(seq),
        ),
        _apply(
            {"en": "batch and head dimensions", "zh": "批次与注意力头维度"},
            rng.normal(size=(2, 3, seq, dim)),
            np.arange(seq),
        ),
    ]
    start = int(rng.integers(50, 500))
    cases += [
        _apply(
            {"en": "positions after a KV cache", "zh": "KV 缓存之后的位置"},
            rng.normal(size=(4, dim)),
            np.arange(start, start + 4),
        ),
        _apply(
            {"en": "positions in any order", "zh": "任意顺序的位置"}, rng.normal(size=(5, dim)), rng.permutation(20)[:5]
        ),
        _apply(
            {"en": "a long context (positions in the tens of thousands)", "zh": "长上下文（位置达数万）"},
            rng.normal(size=(6, 64)),
            np.sort(rng.integers(20000, 60000, size=6)),
        ),
        _apply(
            {"en": "another base", "zh": "另一个 base"},
            rng.normal(size=(5, dim)),
            np.arange(5),
            base=float(rng.choice([500.0, 1e6])),
        ),
        _table({"en": "an odd dim raises ValueError", "zh": "奇数 dim 抛出 ValueError"}, np.arange(3), 5),
        _apply(
            {"en": "positions of the wrong length raise ValueError", "zh": "长度错误的位置数组抛出 ValueError"},
            x,
            np.array([0, 1]),
        ),
    ]
    return with_hints(cases, HINTS)
