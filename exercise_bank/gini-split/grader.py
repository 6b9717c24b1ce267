"""Cases for gini-split: the statement's examples shown; ties between features and thresholds,
constant features, pure nodes, many classes and random data hidden.

Feature values are small integers or multiples of 0.25, so midpoints are exact in any float order.
"""

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, with_hints

HINT_TIES = {
    "en": "scores within 1e-9 are equal: keep the smallest feature index, then the smallest threshold",
    "zh": "相差不超过 1e-9 的得分视为相等：取特征下标最小的，再取阈值最小的",
}
HINT_WEIGHTS = {
    "en": "weight each child's Gini impurity by its share of the samples, n_child / n",
    "zh": "每个子节点的基尼不纯度要按它所占样本比例 n_child / n 加权",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the
# random nodes alternate between HINT_WEIGHTS and HINT_TIES.
HINTS = {
    "gini of an empty node": {"en": "the impurity of no samples is undefined", "zh": "没有样本时不纯度没有定义"},
    "gini of random labels": {"en": "1 minus the sum of squared class proportions", "zh": "1 减去各类别比例的平方和"},
    "fractional values": {
        "en": "candidate thresholds lie halfway between consecutive distinct values",
        "zh": "候选阈值位于相邻两个不同取值的正中间",
    },
    "XOR": HINT_TIES,
    "a constant feature": {
        "en": "a feature with one distinct value offers no threshold",
        "zh": "只有一个取值的特征没有候选阈值",
    },
    "only constant features": {
        "en": "return None when no feature has two distinct values",
        "zh": "没有任何特征有两个不同取值时返回 None",
    },
}


_gini = case_maker("gini")
_split = case_maker("best_split")


def make_cases(rng):
    X_tie = np.array([[1.0, 5.0], [2.0, 4.0], [3.0, 6.0], [4.0, 1.0], [5.0, 2.0], [6.0, 3.0]])
    y_tie = np.array([0, 0, 0, 1, 1, 1])
    X_ex = np.array([[2.0, 7.0], [3.0, 1.0], [3.0, 5.0], [8.0, 6.0], [9.0, 2.0]])
    y_ex = np.array([0, 0, 1, 1, 1])
    cases = [
        _gini(
            bilingual("example: gini of [0, 0, 1, 1]", "示例：[0, 0, 1, 1] 的基尼不纯度"),
            np.array([0, 0, 1, 1]),
            visible=True,
        ),
        _gini(
            bilingual("example: gini of three classes", "示例：三个类别的基尼不纯度"), np.array([0, 1, 2]), visible=True
        ),
        _split(
            bilingual("example: two perfect splits, the first feature wins", "示例：两个完美划分，取第一个特征"),
            X_tie,
            y_tie,
            visible=True,
        ),
        _split(
            bilingual("example: the best imperfect split", "示例：不完美划分中最好的一个"), X_ex, y_ex, visible=True
        ),
        _split(
            bilingual("example: a pure node has no split", "示例：纯节点不再划分"),
            X_ex,
            np.array([1, 1, 1, 1, 1]),
            visible=True,
        ),
        _gini(
            bilingual("gini of an empty node raises ValueError", "空节点的基尼不纯度抛出 ValueError"),
            np.array([], dtype=np.int64),
        ),
        _gini(
            bilingual("gini of random labels", "随机标签的基尼不纯度"),
            rng.integers(0, 5, size=int(rng.integers(5, 40))),
        ),
    ]
    for i in range(4):
        n, d, k = int(rng.integers(10, 30)), int(rng.integers(2, 5)), int(rng.integers(2, 4))
        X = rng.integers(0, 7, size=(n, d)).astype(np.float64)
        y = rng.integers(0, k, size=n)
        y[:2] = [0, 1]  # never pure
        cases.append(
            _split(
                bilingual(
                    f"random node {i + 1}: {n} samples, {d} features, {k} classes",
                    f"随机节点 {i + 1}：{n} 个样本，{d} 个特征，{k} 个类别",
                ),
                X,
                y,
                hint=HINT_WEIGHTS if i % 2 == 0 else HINT_TIES,
            )
        )
    X_frac = rng.integers(-8, 8, size=(16, 3)) * 0.25
    y_frac = (X_frac[:, 1] > 0).astype(np.int64)
    y_frac[0] = 1 - y_frac[0]
    n = int(rng.integers(8, 20))
    informative = rng.integers(0, 5, size=n).astype(np.float64)
    y_informative = (informative >= 2).astype(np.int64)
    y_informative[:2] = [0, 1]
    informative[:2] = [0.0, 4.0]
    # (English name, Chinese name, X, y)
    rows = [
        ("fractional values: thresholds are midpoints", "小数取值：阈值取中点", X_frac, y_frac),
        (
            "XOR: every split is equally bad",
            "异或：每个划分都一样差",
            np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 2),
            np.array([0, 1, 1, 0] * 2),
        ),
        (
            "a constant feature is skipped",
            "常数特征被跳过",
            np.column_stack([np.full(n, 3.0), informative]),
            y_informative,
        ),
        ("only constant features: None", "全是常数特征：返回 None", np.ones((6, 2)), np.array([0, 1, 0, 1, 1, 0])),
    ]
    cases += [_split(bilingual(en, zh), features, labels) for en, zh, features, labels in rows]
    return with_hints(cases, HINTS)
