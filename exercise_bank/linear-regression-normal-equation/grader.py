"""Cases for linear-regression-normal-equation: the statement's examples shown; noisy data, large
feature offsets, no intercept and bad shapes hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "noisy data": {
        "en": "minimise the sum of squared residuals over the weights and the intercept together",
        "zh": "要同时对权重和截距最小化残差平方和",
    },
    "features far from zero": {
        "en": "the intercept is what makes the plane pass through the means; centre X and y, or add a column of ones",
        "zh": "截距让拟合平面经过均值点：可以把 X 和 y 中心化，或者加一列 1",
    },
    "no intercept": {
        "en": "with fit_intercept=False, the intercept is 0.0 and X is not centred",
        "zh": "fit_intercept=False 时截距为 0.0，X 也不做中心化",
    },
    "y longer than X": {"en": "check that X and y have the same number of rows", "zh": "检查 X 与 y 的行数是否相同"},
    "1-D X": {
        "en": "X must be 2-D: one row per sample, one column per feature",
        "zh": "X 必须是二维的：每行一个样本，每列一个特征",
    },
}
LINE_X = np.array([[1.0], [2.0], [3.0], [4.0]])
LINE_Y = np.array([3.0, 5.0, 7.0, 9.0])

_case = case_maker("fit_linear_regression")
_offset_case = case_maker("fit_linear_regression", atol=1e-6)


def _data(rng, n, d, offset=0.0, noise=0.3):
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d) + offset
    coef = rng.normal(scale=2.0, size=d)
    y = X @ coef + rng.normal(scale=3.0) + rng.normal(scale=noise, size=n)
    return X, y


def make_cases(rng):
    two_x = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0], [4.0, 2.0]])
    cases = [
        _case({"en": "example: points on the line y = 2x + 1", "zh": "示例：直线 y = 2x + 1 上的点"}, LINE_X, LINE_Y, visible=True),
        _case({"en": "example: two features with noise", "zh": "示例：两个特征，带噪声"}, two_x, np.array([1.0, 2.0, 4.5, 5.0, 8.0]), visible=True),
        _case({"en": "example: fit_intercept=False", "zh": "示例：fit_intercept=False"}, LINE_X, LINE_Y, fit_intercept=False, visible=True),
    ]  # fmt: skip
    for i in range(3):
        n, d = int(rng.integers(20, 60)), int(rng.integers(2, 7))
        name = {
            "en": f"noisy data {i + 1}: {n} samples, {d} features",
            "zh": f"带噪声数据 {i + 1}：{n} 个样本，{d} 个特征",
        }
        cases.append(_case(name, *_data(rng, n, d)))
    name = {"en": "features far from zero (offset 500)", "zh": "远离零点的特征（偏移 500）"}
    cases.append(_offset_case(name, *_data(rng, 40, 3, offset=500.0)))
    name = {"en": "no intercept: the fit goes through the origin", "zh": "不拟合截距：直线经过原点"}
    cases.append(_case(name, *_data(rng, 25, 3), fit_intercept=False))
    name = {"en": "two points define the line exactly", "zh": "两个点恰好确定一条直线"}
    cases.append(_case(name, rng.normal(size=(2, 1)) * 5.0, rng.normal(size=2) * 5.0))
    X, y = _data(rng, 12, 2)
    name = raises_value_error("y longer than X", "y 比 X 多出几行")
    cases.append(_case(name, X, np.concatenate([y, rng.normal(size=3)])))
    name = {"en": "1-D X raises ValueError", "zh": "一维的 X 抛出 ValueError"}
    cases.append(_case(name, rng.normal(size=8), rng.normal(size=8)))
    return with_hints(cases, HINTS)
