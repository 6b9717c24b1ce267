"""Cases for softmax: the statement's examples shown; large scores, other axes and 3-D inputs hidden."""

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

SUBTRACT_MAX = {
    "en": "subtract the maximum before calling exp",
    "zh": "调用 exp 之前先减去最大值",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "scores in the thousands": SUBTRACT_MAX,
    "very negative scores": SUBTRACT_MAX,
    "2-D batch along the last axis": {
        "en": "each row must sum to 1: reduce with axis=-1 and keepdims=True",
        "zh": "每一行的和必须为 1：用 axis=-1 和 keepdims=True 做归约",
    },
    "2-D batch with large rows": {
        "en": "take the maximum per row, not over the whole array",
        "zh": "按行取最大值，而不是对整个数组取最大值",
    },
}

_case = case_maker("softmax")


def make_cases(rng):
    # (name, scores, options)
    shown = [
        ({"en": "example: [1, 2, 3]", "zh": "示例：[1, 2, 3]"}, np.array([1.0, 2.0, 3.0]), {}),
        ({"en": "example: equal large scores", "zh": "示例：相等的大分数"}, np.array([1000.0, 1000.0]), {}),
        ({"en": "example: 2-D along axis 0", "zh": "示例：二维数组沿 axis 0"}, np.array([[1.0, 1.0], [0.0, 2.0]]), {"axis": 0}),
    ]  # fmt: skip
    hidden = [
        ({"en": "scores in the thousands do not overflow", "zh": "上千的分数不会溢出"}, rng.uniform(1000.0, 3000.0, size=7), {}),
        ({"en": "very negative scores do not underflow to nan", "zh": "很负的分数不会下溢成 nan"}, rng.uniform(-3000.0, -1000.0, size=5), {}),
        ({"en": "a single score gives 1", "zh": "只有一个分数时结果为 1"}, np.array([float(rng.normal())]), {}),
        ({"en": "2-D batch along the last axis", "zh": "二维批量沿最后一个轴"}, rng.normal(scale=5.0, size=(4, 6)), {}),
        ({"en": "2-D batch with large rows", "zh": "含有大数值行的二维批量"}, rng.normal(scale=5.0, size=(3, 5)) + np.array([[0.0], [2000.0], [-2000.0]]), {}),
        ({"en": "3-D along axis 1", "zh": "三维数组沿 axis 1"}, rng.normal(size=(2, 3, 4)), {"axis": 1}),
        ({"en": "3-D along axis -1", "zh": "三维数组沿 axis -1"}, rng.normal(scale=10.0, size=(2, 2, 5)), {}),
    ]  # fmt: skip
    cases = [_case(name, scores, visible=True, **options) for name, scores, options in shown]
    cases += [_case(name, scores, **options) for name, scores, options in hidden]
    return with_hints(cases, HINTS)
