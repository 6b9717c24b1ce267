"""Cases for rotary-embedding: the angle table, rotations at offset and large positions, batches, other bases."""

import numpy as np

from gpu_runner.graders.code import Case

TABLE, APPLY = "rope_cos_sin", "apply_rope"


def _hint(en, zh):
    return {"en": en, "zh": zh}


HALF_SPLIT = _hint(
    "pair feature i with feature i + dim/2 (the two halves), not neighbours 2i and 2i+1; "
    "rotate_half(x) = concat(-x[..., dim/2:], x[..., :dim/2])",
    "把特征 i 与特征 i + dim/2 配对（前后两半），而不是相邻的 2i 和 2i+1；rotate_half(x) = concat(-x[..., dim/2:], x[..., :dim/2])",
)
FREQUENCY = _hint(
    "pair i turns by position * base ** (-2i / dim) for i = 0 .. dim/2 - 1; cos and sin repeat that table for both halves",
    "第 i 对的转角是 position * base ** (-2i / dim)，i = 0 .. dim/2 - 1；cos 和 sin 的前后两半重复这张表",
)
POSITIONS = _hint(
    "use the positions you are given (with a KV cache they do not start at 0), not 0 .. seq-1",
    "使用传入的位置（有 KV 缓存时它们不从 0 开始），而不是 0 .. seq-1",
)


def make_cases(rng):
    cases = [
        Case(
            name={"en": "statement example: the angle table", "zh": "题目示例：转角表"},
            fn=TABLE,
            args=(np.array([0, 1, 2]), 4),
            visible=True,
        ),
        Case(
            name={"en": "statement example: rotating two tokens", "zh": "题目示例：旋转两个词元"},
            fn=APPLY,
            args=(np.array([[1.0, 0.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0]]), np.array([0, 1])),
            visible=True,
        ),
        Case(
            name={"en": "the table for dim = 2", "zh": "dim = 2 时的转角表"},
            fn=TABLE,
            args=(np.arange(6), 2),
            hint=FREQUENCY,
        ),
        Case(
            name={"en": "the table for dim = 64", "zh": "dim = 64 时的转角表"},
            fn=TABLE,
            args=(np.arange(50), 64),
            hint=FREQUENCY,
        ),
        Case(
            name={"en": "the table with Llama 3's base 500000", "zh": "使用 Llama 3 的 base 500000 的转角表"},
            fn=TABLE,
            args=(np.arange(0, 40, 3), 16),
            kwargs={"base": 500000.0},
            hint=_hint("base replaces 10000 in base ** (-2i / dim)", "base 替代 base ** (-2i / dim) 中的 10000"),
        ),
    ]
    dim = 2 * int(rng.integers(2, 9))
    x = rng.normal(size=(1, dim))
    cases.append(
        Case(
            name={"en": "position 0 leaves a vector unchanged", "zh": "位置 0 不改变向量"},
            fn=APPLY,
            args=(x, np.array([0])),
            hint=_hint("at position 0 every angle is 0: cos = 1, sin = 0", "位置 0 的所有转角都是 0：cos = 1，sin = 0"),
        )
    )
    seq = int(rng.integers(3, 9))
    cases.append(
        Case(
            name={"en": "one sequence, positions 0 .. seq-1", "zh": "一个序列，位置 0 .. seq-1"},
            fn=APPLY,
            args=(rng.normal(size=(seq, dim)), np.arange(seq)),
            hint=HALF_SPLIT,
        )
    )
    cases.append(
        Case(
            name={"en": "batch and head dimensions", "zh": "批次与注意力头维度"},
            fn=APPLY,
            args=(rng.normal(size=(2, 3, seq, dim)), np.arange(seq)),
            hint=_hint(
                "x has any number of leading axes; cos and sin of shape (seq, dim) broadcast against them",
                "x 前面可以有任意多个轴；形状为 (seq, dim) 的 cos 和 sin 会与它们广播",
            ),
        )
    )
    start = int(rng.integers(50, 500))
    cases.append(
        Case(
            name={"en": "positions after a KV cache", "zh": "KV 缓存之后的位置"},
            fn=APPLY,
            args=(rng.normal(size=(4, dim)), np.arange(start, start + 4)),
            hint=POSITIONS,
        )
    )
    cases.append(
        Case(
            name={"en": "positions in any order", "zh": "任意顺序的位置"},
            fn=APPLY,
            args=(rng.normal(size=(5, dim)), rng.permutation(20)[:5]),
            hint=POSITIONS,
        )
    )
    cases.append(
        Case(
            name={"en": "a long context (positions in the tens of thousands)", "zh": "长上下文（位置达数万）"},
            fn=APPLY,
            args=(rng.normal(size=(6, 64)), np.sort(rng.integers(20000, 60000, size=6))),
            hint=_hint(
                "compute the angles in float64: in float32 an angle of 50000 radians is off by ~0.003",
                "用 float64 计算转角：在 float32 下 50000 弧度的转角会差约 0.003",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "another base", "zh": "另一个 base"},
            fn=APPLY,
            args=(rng.normal(size=(5, dim)), np.arange(5)),
            kwargs={"base": float(rng.choice([500.0, 1e6]))},
            hint=FREQUENCY,
        )
    )
    bad = _hint(
        "raise ValueError for an odd or zero dim, or when positions do not have one entry per token",
        "dim 为奇数或 0，或 positions 的个数与词元数不一致时，抛出 ValueError",
    )
    cases.append(
        Case(
            name={"en": "an odd dim raises ValueError", "zh": "奇数 dim 抛出 ValueError"},
            fn=TABLE,
            args=(np.arange(3), 5),
            hint=bad,
        )
    )
    cases.append(
        Case(
            name={"en": "positions of the wrong length raise ValueError", "zh": "长度错误的位置数组抛出 ValueError"},
            fn=APPLY,
            args=(x, np.array([0, 1])),
            hint=bad,
        )
    )
    return cases
