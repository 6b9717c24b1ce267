"""Cases for ridge-regression: the statement's examples shown; more features than samples, duplicated
columns, an unpenalised intercept far from zero, alpha = 0 and bad input hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "random data": {
        "en": "the penalty is alpha * ||w||^2 on the summed (not averaged) squared error; the intercept is not penalised",
        "zh": "惩罚项是 alpha * ||w||^2，加在残差平方*和*（不是均值）上；截距不受惩罚",
    },
    "more features than samples": {
        "en": "X^T X alone is singular here; adding alpha * I is what makes the system solvable",
        "zh": "这里 X^T X 本身是奇异的；正是加上 alpha * I 才让方程组可解",
    },
    "a duplicated column": {
        "en": "with alpha > 0 the solution is unique even when columns repeat",
        "zh": "只要 alpha > 0，即使有重复列，解也是唯一的",
    },
    "a large intercept": {
        "en": "centre X and y so that the intercept stays out of the penalty",
        "zh": "先把 X 和 y 中心化，让截距不进入惩罚项",
    },
    "fit_intercept=False": {
        "en": "without an intercept nothing is centred and the intercept is 0.0",
        "zh": "不拟合截距时不做中心化，截距为 0.0",
    },
    "a negative alpha": {"en": "alpha must be >= 0", "zh": "alpha 必须 >= 0"},
}

_case = case_maker("fit_ridge")


def _data(rng, n, d, shift=0.0):
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d)
    y = X @ rng.normal(scale=2.0, size=d) + shift + rng.normal(scale=0.5, size=n)
    return X, y


def make_cases(rng):
    X_ex = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]])
    y_ex = np.array([3.0, 3.0, 7.0, 7.0])
    cases = [
        _case({"en": "example: alpha = 1", "zh": "示例：alpha = 1"}, X_ex, y_ex, alpha=1.0, visible=True),
        _case({"en": "example: alpha = 0 is least squares", "zh": "示例：alpha = 0 就是最小二乘"}, X_ex, y_ex, alpha=0.0, visible=True),
        _case({"en": "example: a large alpha shrinks the weights", "zh": "示例：alpha 很大时权重被压缩"}, X_ex, y_ex, alpha=100.0, visible=True),
    ]  # fmt: skip
    for i in range(2):
        n, d = int(rng.integers(15, 40)), int(rng.integers(2, 6))
        alpha = float(rng.choice([0.1, 1.0, 10.0]) * rng.uniform(0.5, 2.0))
        name = {"en": f"random data {i + 1}: alpha = {alpha:.3g}", "zh": f"随机数据 {i + 1}：alpha = {alpha:.3g}"}
        cases.append(_case(name, *_data(rng, n, d), alpha=alpha))
    name = {"en": "more features than samples (12 x 30)", "zh": "特征比样本多（12 x 30）"}
    cases.append(_case(name, *_data(rng, 12, 30), alpha=2.0))
    X, y = _data(rng, 20, 3)
    cases.append(_case({"en": "a duplicated column", "zh": "有一列重复"}, np.column_stack([X, X[:, 0]]), y, alpha=0.5))
    name = {"en": "a large intercept is not shrunk", "zh": "较大的截距不被压缩"}
    cases.append(_case(name, *_data(rng, 25, 3, shift=80.0), alpha=5.0))
    name = {"en": "fit_intercept=False", "zh": "fit_intercept=False"}
    cases.append(_case(name, *_data(rng, 20, 4, shift=3.0), alpha=1.5, fit_intercept=False))
    cases.append(_case({"en": "alpha = 0 on random data", "zh": "随机数据上 alpha = 0"}, *_data(rng, 30, 3), alpha=0.0))
    name = raises_value_error("a negative alpha", "alpha 为负")
    cases.append(_case(name, *_data(rng, 10, 2), alpha=-1.0))
    X, y = _data(rng, 10, 2)
    name = {"en": "X and y with different numbers of rows raise ValueError", "zh": "X 与 y 行数不同时抛出 ValueError"}
    cases.append(_case(name, X, y[:-2]))
    return with_hints(cases, HINTS)
