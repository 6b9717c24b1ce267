"""Cases for temperature-sampling: the distribution at several temperatures, then draws from it.

Every uniform draw is at least 1e-9 away from the row's cumulative probabilities, so a correct solution
that accumulates in a slightly different way never crosses a boundary by rounding. Draws are made per
case from the job's rng, so a learner cannot hard-code the tokens.
"""

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

PROBS, SAMPLE = "softmax_with_temperature", "sample_token"


def _cdf(logits, temperature):
    scaled = np.asarray(logits, dtype=np.float64) / temperature
    exp = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    return np.cumsum(exp / exp.sum(axis=-1, keepdims=True), axis=-1)


def _safe_u(rng, logits, temperature, low=0.0, high=1.0):
    """Uniform draws of shape logits.shape[:-1], each at least 1e-9 from its row's cumulative probabilities."""
    cdf = _cdf(logits, temperature)
    u = np.empty(cdf.shape[:-1])
    for index in np.ndindex(u.shape):
        while True:
            value = float(rng.uniform(low, high))
            if np.min(np.abs(cdf[index] - value)) > 1e-9:
                u[index] = value
                break
    return float(u) if u.ndim == 0 else u


_probs = case_maker(PROBS)
_sample = case_maker(SAMPLE)
EXAMPLE = np.array([1.0, 2.0, 0.5, -1.0])
STATEMENT_EXAMPLES = (  # English and Chinese name, the case builder, its arguments after EXAMPLE
    ("probabilities at T = 1", "T = 1 时的概率", _probs, 1.0),
    ("probabilities at T = 0.5", "T = 0.5 时的概率", _probs, 0.5),
    ("T = 1, u = 0.9", "T = 1，u = 0.9", _sample, 1.0, 0.9),
    ("T = 0.5, u = 0.9", "T = 0.5，u = 0.9", _sample, 0.5, 0.9),
    ("T = 0 is greedy", "T = 0 即贪心", _sample, 0.0, 0.9),
)
TEMPERATURES = (  # temperature, English and Chinese label
    (1.0, "T = 1", "T = 1"),
    (0.3, "a low temperature", "低温度"),
    (4.0, "a high temperature", "高温度"),
)
DIVIDE = {
    "en": "divide the logits by the temperature before the softmax (T < 1 sharpens, T > 1 flattens)",
    "zh": "先把 logits 除以温度再做 softmax（T < 1 变尖锐，T > 1 变平坦）",
}
INVERSE_CDF = {
    "en": "walk the tokens in vocabulary order, adding probabilities; return the first token whose running total is > u",
    "zh": "按词表顺序累加概率，返回第一个累计值大于 u 的词",
}
STABLE = {
    "en": "subtract the row maximum of logits / T before np.exp, or exp overflows",
    "zh": "在 np.exp 之前减去 logits / T 每行的最大值，否则会溢出",
}
BAD_INPUT = {
    "en": "raise ValueError for a negative temperature or a u outside [0, 1)",
    "zh": "温度为负或 u 不在 [0, 1) 内时抛出 ValueError",
}

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "probabilities, T = 0 (all mass on the first maximum)": {
        "en": "temperature 0 is the limit T -> 0: probability 1 on the largest logit (the first one if tied), 0 elsewhere",
        "zh": "温度 0 是 T -> 0 的极限：最大 logit（并列时取第一个）的概率为 1，其余为 0",
    },
    "probabilities, ": DIVIDE,
    "a draw, T = 1": INVERSE_CDF,
    "a draw, ": DIVIDE,
    "T = 0 with ties picks the lowest index": {
        "en": "at T = 0 ignore u and return the index of the largest logit, the lowest index among ties",
        "zh": "T = 0 时忽略 u，返回最大 logit 的下标，并列时取下标最小的",
    },
    "probabilities of a batch": DIVIDE,
    "a batch of rows, one draw per row": {
        "en": "u has one draw per row: compare each row's running total with its own u; return an int64 array",
        "zh": "u 为每一行提供一个随机数：每行的累计概率与它自己的 u 比较；返回 int64 数组",
    },
    "filtered tokens (-inf) are never drawn": {
        "en": "a -inf logit has probability 0, so the running total does not grow there",
        "zh": "-inf 的 logit 概率为 0，累计值在它那里不会增加",
    },
    "u = 0 and the first token has probability 0": {
        "en": "the running total must be strictly greater than u: a token with probability 0 is never chosen",
        "zh": "累计概率必须严格大于 u：概率为 0 的词永远不会被选中",
    },
    "large logits: probabilities": STABLE,
    "large logits: a draw": STABLE,
    "a draw near 1 picks a late token": INVERSE_CDF,
    "a negative temperature raises ValueError": BAD_INPUT,
    "u = 1 raises ValueError": BAD_INPUT,
}


def make_cases(rng):
    cases = [
        make({"en": f"statement example: {en}", "zh": f"题目示例：{zh}"}, EXAMPLE, *args, visible=True)
        for en, zh, make, *args in STATEMENT_EXAMPLES
    ]
    vocab = int(rng.integers(20, 80))
    row = rng.normal(size=vocab) * 2.0
    for temperature, label, label_zh in TEMPERATURES:
        cases += [
            _probs({"en": f"probabilities, {label}", "zh": f"概率，{label_zh}"}, row, temperature),
            _sample(
                {"en": f"a draw, {label}", "zh": f"抽样，{label_zh}"}, row, temperature, _safe_u(rng, row, temperature)
            ),
        ]
    ties = rng.integers(-2, 3, size=(4, 9)).astype(np.float64)
    ties_u = rng.uniform(size=4)
    batch = rng.normal(size=(int(rng.integers(3, 7)), vocab)) * rng.uniform(0.5, 3.0, size=(1, 1))
    temperature = float(rng.uniform(0.5, 1.5))
    batch_u = _safe_u(rng, batch, temperature)
    filtered = rng.normal(size=(3, 10))
    filtered[:, rng.choice(10, size=4, replace=False)] = -np.inf
    filtered_u = _safe_u(rng, filtered, 0.8)
    first_removed = rng.normal(size=8)
    first_removed[0] = -np.inf
    large = rng.normal(size=(2, 30)) + rng.uniform(500.0, 900.0)
    large_u = _safe_u(rng, large, 0.7)
    late_u = _safe_u(rng, row, 1.0, 0.999, 0.999999)
    cases += [
        _probs(
            {
                "en": "probabilities, T = 0 (all mass on the first maximum)",
                "zh": "概率，T = 0（全部概率在第一个最大值上）",
            },
            np.array([0.5, 3.0, -1.0, 3.0]),
            0.0,
        ),
        _sample(
            {"en": "T = 0 with ties picks the lowest index", "zh": "T = 0 且有并列时取最小下标"}, ties, 0.0, ties_u
        ),
        _probs({"en": "probabilities of a batch", "zh": "一批的概率"}, batch, temperature),
        _sample(
            {"en": "a batch of rows, one draw per row", "zh": "一批多行，每行一个随机数"}, batch, temperature, batch_u
        ),
        _sample(
            {"en": "filtered tokens (-inf) are never drawn", "zh": "被过滤的词（-inf）永远不会被抽中"},
            filtered,
            0.8,
            filtered_u,
        ),
        _sample(
            {"en": "u = 0 and the first token has probability 0", "zh": "u = 0 且第一个词的概率为 0"},
            first_removed,
            1.0,
            0.0,
        ),
        _probs({"en": "large logits: probabilities", "zh": "很大的 logits：概率"}, large, 0.7),
        _sample({"en": "large logits: a draw", "zh": "很大的 logits：抽样"}, large, 0.7, large_u),
        _sample({"en": "a draw near 1 picks a late token", "zh": "接近 1 的随机数选中靠后的词"}, row, 1.0, late_u),
        _sample({"en": "a negative temperature raises ValueError", "zh": "负温度抛出 ValueError"}, row, -1.0, 0.5),
        _sample({"en": "u = 1 raises ValueError", "zh": "u = 1 抛出 ValueError"}, row, 1.0, 1.0),
    ]
    return with_hints(cases, HINTS)
