"""Cases for bootstrap-ci: the statement's examples shown; medians, standard deviations, other
confidence levels, seeds and resample counts, skewed data and bad input hidden."""

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE = np.array([12.0, 15.0, 9.0, 11.0, 14.0, 30.0, 10.0, 13.0, 12.0, 16.0])
HINT_DRAW = {
    "en": "rng = np.random.default_rng(seed); index = rng.integers(0, n, size=(n_resamples, n)): one draw, in that shape",
    "zh": "rng = np.random.default_rng(seed)；index = rng.integers(0, n, size=(n_resamples, n))：一次抽取，形状就是这样",
}
HINT_TAILS = {
    "en": "cut (1 - confidence) / 2 off each tail with np.percentile (its default linear interpolation)",
    "zh": "用 np.percentile（默认的线性插值）在两侧各切掉 (1 - confidence) / 2",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the
# random samples alternate between HINT_DRAW and HINT_TAILS.
HINTS = {
    "skewed data": HINT_DRAW,
    "std uses the sample standard deviation": {
        "en": "the sample standard deviation divides by n - 1",
        "zh": "样本标准差除以 n - 1",
    },
    "one value": {"en": "a bootstrap needs at least two values", "zh": "bootstrap 至少需要两个值"},
    "confidence 1.0": {
        "en": "confidence must be strictly between 0 and 1",
        "zh": "confidence 必须严格介于 0 和 1 之间",
    },
    "an unknown statistic": {
        "en": "statistic is one of mean, median, std",
        "zh": "statistic 只能是 mean、median、std 之一",
    },
}


_ci = case_maker("bootstrap_ci")


def make_cases(rng):
    cases = [
        _ci(bilingual("example: mean of ten values", "示例：十个值的均值"), EXAMPLE, visible=True),
        _ci(
            bilingual("example: median, 90 %, 2000 resamples, seed 7", "示例：中位数，90%，2000 次重抽样，种子 7"),
            EXAMPLE,
            statistic="median",
            n_resamples=2000,
            confidence=0.9,
            seed=7,
            visible=True,
        ),
    ]
    for i, statistic in enumerate(["mean", "median", "std", "std"]):
        n = int(rng.integers(8, 60))
        data = rng.normal(loc=rng.uniform(-50, 50), scale=rng.uniform(1, 20), size=n)
        confidence = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
        cases.append(
            _ci(
                bilingual(
                    f"random sample {i + 1}: {statistic}, n = {n}, {confidence:.0%}",
                    f"随机样本 {i + 1}：{statistic}，n = {n}，{confidence:.0%}",
                ),
                data,
                statistic=statistic,
                n_resamples=int(rng.integers(200, 3000)),
                confidence=confidence,
                seed=int(rng.integers(0, 2**31)),
                hint=HINT_TAILS if i % 2 else HINT_DRAW,
            )
        )
    # (English name, Chinese name, data, keyword arguments), drawn in this order
    rows = [
        (
            "skewed data (waiting times)",
            "偏态数据（等待时间）",
            rng.exponential(scale=5.0, size=40),
            {"seed": int(rng.integers(0, 2**31))},
        ),
        (
            "std uses the sample standard deviation (ddof = 1)",
            "std 用样本标准差（ddof = 1）",
            rng.normal(size=12),
            {"statistic": "std", "seed": 3},
        ),
        ("a single resample", "只重抽样一次", rng.normal(size=6), {"n_resamples": 1, "seed": 11}),
        ("one value raises ValueError", "只有一个值时抛出 ValueError", np.array([4.2]), {}),
        ("confidence 1.0 raises ValueError", "confidence 为 1.0 时抛出 ValueError", EXAMPLE, {"confidence": 1.0}),
        ("an unknown statistic raises ValueError", "未知的统计量抛出 ValueError", EXAMPLE, {"statistic": "mode"}),
    ]
    cases += [_ci(bilingual(en, zh), data, **kwargs) for en, zh, data, kwargs in rows]
    return with_hints(cases, HINTS)
