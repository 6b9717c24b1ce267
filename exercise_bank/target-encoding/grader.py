"""Cases for target-encoding: the statement's example shown; binary and continuous targets, rare and
unseen categories, no smoothing, leave-one-out folds and bad input hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

CITIES = ["Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris", "Nice", "Paris"]
CITY_Y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0])
FOLDS = {
    "en": "row i is in fold i % n_folds, and its encoding comes only from the rows of the other folds",
    "zh": "第 i 行属于第 i % n_folds 折，它的编码只能由其他折的行计算",
}
SMOOTH = {
    "en": "(sum of y in the category + smoothing * prior) / (count + smoothing), prior = mean of y over the rows used",
    "zh": "(该类别 y 之和 + smoothing * 先验) / (计数 + smoothing)，先验是所用那些行的 y 的均值",
}
UNSEEN = {
    "en": "a category that the fitting rows never saw is encoded as their mean target",
    "zh": "拟合所用的行里从未出现过的类别，编码为这些行的目标均值",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the
# random targets take theirs in turn from (FOLDS, SMOOTH, UNSEEN).
HINTS = {
    "smoothing = 0": FOLDS,
    "leave-one-out": FOLDS,
    "a category seen once": SMOOTH,
    "n_folds = 1": {"en": "out-of-fold encoding needs at least two folds", "zh": "折外编码至少需要两折"},
}

_case = case_maker("target_encode")


def _categories(rng, n, levels):
    names = [f"cat_{chr(97 + i)}" for i in range(levels)]
    weights = rng.dirichlet(np.full(levels, 0.7))
    return [str(c) for c in rng.choice(names, size=n, p=weights)], names


def make_cases(rng):
    name = {"en": "example: eight rows, three folds", "zh": "示例：八行，三折"}
    cases = [_case(name, CITIES, CITY_Y, ["Paris", "Nice", "Lille"], smoothing=2.0, n_folds=3, visible=True)]
    for i in range(3):
        n, levels = int(rng.integers(30, 120)), int(rng.integers(4, 12))
        train, names = _categories(rng, n, levels)
        effect = dict(zip(names, rng.normal(size=levels)))
        binary = i != 1
        score = np.array([effect[c] for c in train]) + rng.normal(scale=0.7, size=n)
        y = (score > 0).astype(np.int64) if binary else score * 10 + 50
        test = [str(c) for c in rng.choice([*names, "cat_unseen"], size=int(rng.integers(10, 30)))]
        name = {
            "en": f"{'binary' if binary else 'continuous'} target {i + 1}: {n} rows, {levels} categories",
            "zh": f"{'二元' if binary else '连续'}目标 {i + 1}：{n} 行，{levels} 个类别",
        }
        smoothing, n_folds = float(rng.choice([1.0, 5.0, 20.0])), int(rng.integers(3, 8))
        hint = (FOLDS, SMOOTH, UNSEEN)[i]
        cases.append(_case(name, train, y, test, smoothing=smoothing, n_folds=n_folds, hint=hint))
    train, _ = _categories(rng, 40, 6)
    y = rng.integers(0, 2, size=40)
    name = {"en": "smoothing = 0: plain out-of-fold means", "zh": "smoothing = 0：单纯的折外均值"}
    cases.append(_case(name, train, y, train[:10], smoothing=0.0, n_folds=4))
    train, _ = _categories(rng, 12, 3)
    y = rng.normal(size=12)
    name = {"en": "leave-one-out: n_folds = number of rows", "zh": "留一法：n_folds 等于行数"}
    cases.append(_case(name, train, y, ["cat_a", "cat_z"], smoothing=3.0, n_folds=12))
    name = {"en": "a category seen once is pulled towards the prior", "zh": "只出现一次的类别被拉向先验"}
    rare_y = np.array([10.0, *rng.normal(size=9)])
    cases.append(_case(name, ["rare", *["common"] * 9], rare_y, ["rare", "common"], smoothing=4.0, n_folds=2))
    name = raises_value_error("n_folds = 1", "n_folds = 1 ")
    cases.append(_case(name, CITIES, CITY_Y, ["Paris"], n_folds=1))
    name = {
        "en": "categories and targets of different lengths raise ValueError",
        "zh": "类别与目标长度不同时抛出 ValueError",
    }
    cases.append(_case(name, CITIES, CITY_Y[:-1], ["Paris"]))
    name = raises_value_error("negative smoothing", "smoothing 为负")
    cases.append(_case(name, CITIES, CITY_Y, ["Paris"], smoothing=-1.0))
    return with_hints(cases, HINTS)
