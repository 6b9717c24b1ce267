"""Cases for covariance-matrix: the statement's examples shown; random data with each ddof, a mean of 1e9 against a
spread of 1 (where the one-pass formula cancels), frequency weights (zeros included), perfect and constant
correlations, a single variable, discrete random variables, and bad input hidden.

Inputs are plain lists: the learner has no NumPy."""

from gpu_runner.graders.case_texts import bilingual, raises_value_error
from gpu_runner.graders.code import Case, case_maker, with_hints

EXAMPLE = [[1.0, 2.0, 5.0], [2.0, 4.0, 5.0], [3.0, 5.0, 5.0], [4.0, 9.0, 5.0]]
TWO_PASS = {
    "en": "centre first, then multiply: E[XY] - E[X]E[Y] loses every digit when the mean is 1e9 and the spread is 1",
    "zh": "先中心化再相乘：均值为 1e9、离散程度为 1 时，E[XY] - E[X]E[Y] 会丢掉所有有效数字",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the
# bad-input cases are named by what must raise and get none.
HINTS = {
    "random data": {
        "en": "divide the sum of products of deviations by (number of observations - ddof)",
        "zh": "离差乘积之和要除以（观测数 - ddof）",
    },
    "a mean of 1e9": TWO_PASS,
    "frequency weights": {
        "en": "a frequency weight f counts its row f times: the means are weighted, and the divisor is sum(f) - ddof",
        "zh": "频数权重 f 表示这一行出现了 f 次：均值要加权，除数是 sum(f) - ddof",
    },
    "correlations in a large offset": TWO_PASS,
    "a constant variable": {
        "en": "a constant variable has standard deviation 0, so its correlations are 0 / 0: nan, as numpy.corrcoef",
        "zh": "常数变量的标准差为 0，它的相关系数是 0 / 0：与 numpy.corrcoef 一样为 nan",
    },
    "a discrete variable around 1e9": TWO_PASS,
}


_covariance = case_maker("covariance_matrix")
_correlation = case_maker("correlation_matrix")
_moments = case_maker("moments")


def _data(rng, n, d, offset=0.0):
    mixing = rng.normal(size=(d, d))
    x = rng.normal(size=(n, d)) @ mixing + offset
    return [[float(v) for v in row] for row in x]


def _examples():
    return [
        _covariance(bilingual("example: covariance matrix", "示例：协方差矩阵"), EXAMPLE, visible=True),
        _correlation(bilingual("example: correlation matrix", "示例：相关系数矩阵"), EXAMPLE, visible=True),
        _moments(
            bilingual("example: a discrete random variable", "示例：离散随机变量"),
            [0.0, 1.0, 2.0],
            [0.25, 0.5, 0.25],
            visible=True,
        ),
    ]


def _covariances(rng):
    n, d = int(rng.integers(8, 30)), int(rng.integers(2, 6))
    data = _data(rng, n, d)
    weights = [int(w) for w in rng.integers(0, 5, size=n)]
    weights[0] = 0  # a row that does not count at all
    # (English name, Chinese name, data, keyword arguments), drawn in this order
    rows = [
        ("random data, ddof = 1", "随机数据，ddof = 1", data, {}),
        ("random data, ddof = 0", "随机数据，ddof = 0", data, {"ddof": 0}),
        ("a mean of 1e9 and a spread of 1", "均值为 1e9、离散程度为 1", _data(rng, 20, 3, offset=1e9), {}),
        ("frequency weights", "频数权重", data, {"fweights": weights}),
        ("frequency weights with ddof = 0", "频数权重，ddof = 0", data, {"fweights": weights, "ddof": 0}),
        (
            "a single variable gives a 1 x 1 matrix",
            "单个变量得到 1 x 1 矩阵",
            [[float(v)] for v in rng.normal(size=9)],
            {},
        ),
    ]
    return [_covariance(bilingual(en, zh), x, **kwargs) for en, zh, x, kwargs in rows]


def _correlations(rng):
    xs = [float(v) for v in rng.normal(size=12)]
    slope = float(rng.uniform(0.5, 3.0))
    line = [[x, slope * x + 1.0, -slope * x + 4.0] for x in xs]
    with_constant = [[*row, 7.5] for row in _data(rng, 10, 2)]
    # (English name, Chinese name, data), drawn in this order
    rows = [
        ("random correlations", "随机数据的相关系数", _data(rng, int(rng.integers(10, 40)), 4)),
        ("correlations in a large offset", "带很大偏移量的相关系数", _data(rng, 15, 3, offset=1e9)),
        ("perfect positive and negative correlation", "完全正相关与完全负相关", line),
        ("a constant variable", "常数变量", with_constant),
    ]
    return [_correlation(bilingual(en, zh), x) for en, zh, x in rows]


def _discrete(rng):
    probs = [float(p) for p in rng.dirichlet(rng.uniform(0.5, 2.0, size=6))]
    # (English name, Chinese name, values, probabilities), drawn in this order
    rows = [
        ("a random discrete variable", "随机的离散变量", [float(v) for v in rng.normal(scale=5.0, size=6)], probs),
        (
            "a discrete variable around 1e9",
            "取值在 1e9 附近的离散变量",
            [1e9 + float(v) for v in rng.normal(size=6)],
            probs,
        ),
        ("a certain value has variance 0", "确定的取值方差为 0", [3.0, 8.0], [1.0, 0.0]),
    ]
    return [_moments(bilingual(en, zh), values, p) for en, zh, values, p in rows]


def _bad_input():
    bad = [
        ("rows of different lengths", "长度不同的观测", "covariance_matrix", ([[1.0, 2.0], [3.0]],), {}),
        ("no observations", "没有观测", "covariance_matrix", ([],), {}),
        (
            "ddof as large as the number of observations",
            "ddof 与观测数相等",
            "covariance_matrix",
            ([[1.0], [2.0], [4.0]],),
            {"ddof": 3},
        ),
        (
            "a negative frequency weight",
            "负的频数权重",
            "covariance_matrix",
            ([[1.0], [2.0], [4.0]],),
            {"fweights": [1, -1, 2]},
        ),
        (
            "a fractional frequency weight",
            "非整数的频数权重",
            "covariance_matrix",
            ([[1.0], [2.0], [4.0]],),
            {"fweights": [1, 1.5, 2]},
        ),
        (
            "frequency weights of the wrong length",
            "长度不对的频数权重",
            "covariance_matrix",
            ([[1.0], [2.0], [4.0]],),
            {"fweights": [1, 2]},
        ),
        ("a correlation of one observation", "只有一个观测的相关系数", "correlation_matrix", ([[1.0, 2.0]],), {}),
        ("probabilities that do not sum to 1", "概率之和不为 1", "moments", ([1.0, 2.0], [0.5, 0.4]), {}),
        ("a negative probability", "负的概率", "moments", ([1.0, 2.0, 3.0], [0.6, -0.1, 0.5]), {}),
        ("values and probabilities of different lengths", "取值与概率个数不同", "moments", ([1.0, 2.0], [1.0]), {}),
    ]
    return [Case(name=raises_value_error(en, zh), fn=fn, args=args, kwargs=kwargs) for en, zh, fn, args, kwargs in bad]


def make_cases(rng):
    hidden = with_hints([*_covariances(rng), *_correlations(rng), *_discrete(rng)], HINTS)
    return [*_examples(), *hidden, *_bad_input()]
