"""Cases for positional-encoding: the paper's shapes, odd widths, long sequences and empty input."""

from gpu_runner.graders.code import case_maker, with_hints

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "odd d_model": {
        "en": "with an odd d_model the last column is a sine column with no cosine partner",
        "zh": "d_model 为奇数时，最后一列是没有对应余弦列的正弦列",
    },
    "d_model = 1": {"en": "d_model = 1 has a single sine column", "zh": "d_model = 1 时只有一列正弦"},
    "seq_len = 1": {"en": "row 0 is [0, 1, 0, 1, ...]", "zh": "第 0 行是 [0, 1, 0, 1, ...]"},
    "seq_len = 0": {
        "en": "seq_len = 0 gives an array of shape (0, d_model)",
        "zh": "seq_len = 0 时返回形状为 (0, d_model) 的数组",
    },
    "long sequence": {
        "en": "the angle is pos / 10000^(2i/d_model), computed in float64",
        "zh": "角度是 pos / 10000^(2i/d_model)，用 float64 计算",
    },
    "the paper's width": {
        "en": "columns 2i and 2i+1 share the exponent 2i/d_model",
        "zh": "第 2i 列和第 2i+1 列共用指数 2i/d_model",
    },
    "random shape": {
        "en": "even columns sine, odd columns cosine, exponent 2i/d_model for both",
        "zh": "偶数列用正弦，奇数列用余弦，二者的指数都是 2i/d_model",
    },
}


_case = case_maker("positional_encoding")
# (name, seq_len, d_model): the statement's examples, then the hidden situations that HINTS names.
SHOWN = [
    ({"en": "seq_len=2, d_model=4", "zh": "seq_len=2，d_model=4"}, 2, 4),
    ({"en": "seq_len=5, d_model=6", "zh": "seq_len=5，d_model=6"}, 5, 6),
]
SITUATIONS = [
    ({"en": "odd d_model = 7", "zh": "奇数 d_model = 7"}, 6, 7),
    ({"en": "d_model = 1 (a single sine column)", "zh": "d_model = 1（只有一列正弦）"}, 4, 1),
    ({"en": "seq_len = 1", "zh": "seq_len = 1"}, 1, 16),
    ({"en": "seq_len = 0 (empty)", "zh": "seq_len = 0（空）"}, 0, 8),
    ({"en": "long sequence (positions up to 999)", "zh": "长序列（位置最大到 999）"}, 1000, 6),
    ({"en": "the paper's width d_model = 512", "zh": "论文中的宽度 d_model = 512"}, 3, 512),
]


def make_cases(rng):
    cases = [_case(name, seq_len, d_model, visible=True) for name, seq_len, d_model in SHOWN]
    cases += [_case(name, seq_len, d_model) for name, seq_len, d_model in SITUATIONS]
    for i in range(3):
        seq_len = int(rng.integers(2, 50))
        d_model = int(rng.integers(2, 40))
        cases.append(_case({"en": f"random shape {i + 1}", "zh": f"随机形状 {i + 1}"}, seq_len, d_model))
    return with_hints(cases, HINTS)
