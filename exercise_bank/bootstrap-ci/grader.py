"""Cases for bootstrap-ci: the statement's examples shown; medians, standard deviations, other
confidence levels, seeds and resample counts, skewed data and bad input hidden."""

import numpy as np

from gpu_runner.graders.code import Case

EXAMPLE = np.array([12.0, 15.0, 9.0, 11.0, 14.0, 30.0, 10.0, 13.0, 12.0, 16.0])
HINT_DRAW = {
    "en": "rng = np.random.default_rng(seed); index = rng.integers(0, n, size=(n_resamples, n)): one draw, in that shape",
    "zh": "rng = np.random.default_rng(seed)；index = rng.integers(0, n, size=(n_resamples, n))：一次抽取，形状就是这样",
}
HINT_TAILS = {
    "en": "cut (1 - confidence) / 2 off each tail with np.percentile (its default linear interpolation)",
    "zh": "用 np.percentile（默认的线性插值）在两侧各切掉 (1 - confidence) / 2",
}


def make_cases(rng):
    cases = [
        Case(
            name={"en": "example: mean of ten values", "zh": "示例：十个值的均值"},
            fn="bootstrap_ci",
            args=(EXAMPLE,),
            visible=True,
        ),
        Case(
            name={
                "en": "example: median, 90 %, 2000 resamples, seed 7",
                "zh": "示例：中位数，90%，2000 次重抽样，种子 7",
            },
            fn="bootstrap_ci",
            args=(EXAMPLE,),
            kwargs={"statistic": "median", "n_resamples": 2000, "confidence": 0.9, "seed": 7},
            visible=True,
        ),
    ]
    for i, statistic in enumerate(["mean", "median", "std", "std"]):
        n = int(rng.integers(8, 60))
        data = rng.normal(loc=rng.uniform(-50, 50), scale=rng.uniform(1, 20), size=n)
        confidence = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
        cases.append(
            Case(
                name={
                    "en": f"random sample {i + 1}: {statistic}, n = {n}, {confidence:.0%}",
                    "zh": f"随机样本 {i + 1}：{statistic}，n = {n}，{confidence:.0%}",
                },
                fn="bootstrap_ci",
                args=(data,),
                kwargs={
                    "statistic": statistic,
                    "n_resamples": int(rng.integers(200, 3000)),
                    "confidence": confidence,
                    "seed": int(rng.integers(0, 2**31)),
                },
                hint=HINT_TAILS if i % 2 else HINT_DRAW,
            )
        )
    cases.append(
        Case(
            name={"en": "skewed data (waiting times)", "zh": "偏态数据（等待时间）"},
            fn="bootstrap_ci",
            args=(rng.exponential(scale=5.0, size=40),),
            kwargs={"seed": int(rng.integers(0, 2**31))},
            hint=HINT_DRAW,
        )
    )
    cases.append(
        Case(
            name={"en": "std uses the sample standard deviation (ddof = 1)", "zh": "std 用样本标准差（ddof = 1）"},
            fn="bootstrap_ci",
            args=(rng.normal(size=12),),
            kwargs={"statistic": "std", "seed": 3},
            hint={"en": "the sample standard deviation divides by n - 1", "zh": "样本标准差除以 n - 1"},
        )
    )
    cases.append(
        Case(
            name={"en": "a single resample", "zh": "只重抽样一次"},
            fn="bootstrap_ci",
            args=(rng.normal(size=6),),
            kwargs={"n_resamples": 1, "seed": 11},
        )
    )
    cases.append(
        Case(
            name={"en": "one value raises ValueError", "zh": "只有一个值时抛出 ValueError"},
            fn="bootstrap_ci",
            args=(np.array([4.2]),),
            hint={"en": "a bootstrap needs at least two values", "zh": "bootstrap 至少需要两个值"},
        )
    )
    cases.append(
        Case(
            name={"en": "confidence 1.0 raises ValueError", "zh": "confidence 为 1.0 时抛出 ValueError"},
            fn="bootstrap_ci",
            args=(EXAMPLE,),
            kwargs={"confidence": 1.0},
            hint={"en": "confidence must be strictly between 0 and 1", "zh": "confidence 必须严格介于 0 和 1 之间"},
        )
    )
    cases.append(
        Case(
            name={"en": "an unknown statistic raises ValueError", "zh": "未知的统计量抛出 ValueError"},
            fn="bootstrap_ci",
            args=(EXAMPLE,),
            kwargs={"statistic": "mode"},
            hint={"en": "statistic is one of mean, median, std", "zh": "statistic 只能是 mean、median、std 之一"},
        )
    )
    return cases
