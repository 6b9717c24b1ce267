"""Cases for distributions-and-mle: the statement's examples shown; large n and lam (where the textbook formula
overflows), far tails compared without an absolute tolerance, degenerate parameters, values outside the support,
maximum-likelihood fits of random samples from each family, and bad parameters hidden."""

from gpu_runner.graders.code import Case

EXACT = {"rtol": 1e-9, "atol": 0.0}  # tails of 1e-145 must be right to 9 digits, not just "close to 0"
HINT_LOG = {
    "en": "work in log space: log C(n, k) = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1), then exp at the end",
    "zh": "在对数空间里计算：log C(n, k) = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)，最后再取 exp",
}
HINT_CDF = {
    "en": "the cdf is P(X <= k): the terms from 0 up to and including k",
    "zh": "累积分布函数是 P(X <= k)：从 0 一直加到 k（包括 k）",
}
HINT_TAIL = {
    "en": "0.5 * erfc(-z / sqrt(2)) keeps its accuracy in the lower tail, where 1 + erf(z / sqrt(2)) cancels",
    "zh": "0.5 * erfc(-z / sqrt(2)) 在下尾部仍然精确，而 1 + erf(z / sqrt(2)) 会相互抵消",
}
HINT_EDGE = {
    "en": "p = 0 puts all the mass on k = 0, p = 1 on k = n, lam = 0 on k = 0; values outside the support have "
    "probability 0",
    "zh": "p = 0 时全部概率集中在 k = 0，p = 1 时集中在 k = n，lam = 0 时集中在 k = 0；支撑集之外的取值概率为 0",
}
HINT_MLE = {
    "en": "binomial p = mean / n, Poisson lam = mean, normal mu = mean and sigma with 1/n (not 1/(n-1)), "
    "uniform a = min and b = max; loglik sums the log pmf or pdf over the sample",
    "zh": "二项分布 p = 均值 / n，泊松分布 lam = 均值，正态分布 mu = 均值、sigma 用 1/n（不是 1/(n-1)），均匀分布 a = 最小值、"
    "b = 最大值；loglik 是样本中每个值的对数概率（密度）之和",
}


def _name(en, zh):
    return {"en": en, "zh": zh}


def _examples():
    return [
        Case(
            name=_name("example: binomial pmf", "示例：二项分布的概率质量函数"),
            fn="binom_pmf",
            args=(3, 10, 0.5),
            visible=True,
            **EXACT,
        ),
        Case(
            name=_name("example: binomial cdf", "示例：二项分布的累积分布函数"),
            fn="binom_cdf",
            args=(3, 10, 0.5),
            visible=True,
            **EXACT,
        ),
        Case(
            name=_name("example: Poisson pmf", "示例：泊松分布的概率质量函数"),
            fn="poisson_pmf",
            args=(2, 3.0),
            visible=True,
            **EXACT,
        ),
        Case(
            name=_name("example: normal cdf", "示例：正态分布的累积分布函数"),
            fn="norm_cdf",
            args=(1.96, 0.0, 1.0),
            visible=True,
            **EXACT,
        ),
        Case(
            name=_name("example: Poisson fit", "示例：泊松分布的拟合"),
            fn="fit_mle",
            args=([2, 3, 1, 4, 0, 2], "poisson"),
            visible=True,
            rtol=1e-9,
        ),
    ]


def _discrete(rng):
    n = int(rng.integers(4000, 6000))
    lam = float(rng.integers(800, 1200))
    small_n, small_p = int(rng.integers(10, 40)), round(float(rng.uniform(0.1, 0.9)), 3)
    cases = [
        Case(
            name=_name("binomial pmf, large n", "二项分布概率质量函数，n 很大"),
            fn="binom_pmf",
            args=(n // 2 - int(rng.integers(0, 30)), n, 0.5),
            hint=HINT_LOG,
            **EXACT,
        ),
        Case(
            name=_name("binomial pmf far in the tail", "二项分布概率质量函数，远尾部"),
            fn="binom_pmf",
            args=(int(rng.integers(2, 8)), 1000, 0.3),
            hint=HINT_LOG,
            **EXACT,
        ),
        Case(
            name=_name("binomial pmf, moderate n", "二项分布概率质量函数，n 适中"),
            fn="binom_pmf",
            args=(int(rng.integers(0, small_n + 1)), small_n, small_p),
            **EXACT,
        ),
        Case(
            name=_name("binomial cdf, moderate n", "二项分布累积分布函数，n 适中"),
            fn="binom_cdf",
            args=(int(rng.integers(0, small_n)), small_n, small_p),
            hint=HINT_CDF,
            **EXACT,
        ),
        Case(
            name=_name("binomial cdf in the lower tail of a large n", "n 很大时二项分布累积分布函数的下尾部"),
            fn="binom_cdf",
            args=(int(n * 0.45), n, 0.5),
            hint=HINT_LOG,
            **EXACT,
        ),
        Case(name=_name("binomial with p = 0", "p = 0 的二项分布"), fn="binom_pmf", args=(0, 12, 0.0), hint=HINT_EDGE),
        Case(name=_name("binomial with p = 1", "p = 1 的二项分布"), fn="binom_pmf", args=(12, 12, 1.0), hint=HINT_EDGE),
        Case(
            name=_name("binomial pmf above n is 0", "二项分布在 k > n 处的概率为 0"),
            fn="binom_pmf",
            args=(13, 12, 0.4),
            hint=HINT_EDGE,
        ),
        Case(
            name=_name("binomial cdf at n is 1", "二项分布累积分布函数在 k = n 处为 1"),
            fn="binom_cdf",
            args=(small_n, small_n, small_p),
            hint=HINT_CDF,
        ),
        Case(
            name=_name("binomial cdf below 0 is 0", "二项分布累积分布函数在 k < 0 处为 0"),
            fn="binom_cdf",
            args=(-1, small_n, small_p),
            hint=HINT_EDGE,
        ),
        Case(
            name=_name("Poisson pmf, large lam", "泊松分布概率质量函数，lam 很大"),
            fn="poisson_pmf",
            args=(int(lam) + int(rng.integers(-20, 20)), lam),
            hint=HINT_LOG,
            **EXACT,
        ),
        Case(
            name=_name("Poisson cdf", "泊松分布累积分布函数"),
            fn="poisson_cdf",
            args=(int(rng.integers(2, 9)), round(float(rng.uniform(2.0, 8.0)), 2)),
            hint=HINT_CDF,
            **EXACT,
        ),
        Case(
            name=_name("Poisson cdf in the lower tail of a large lam", "lam 很大时泊松分布累积分布函数的下尾部"),
            fn="poisson_cdf",
            args=(int(lam * 0.9), lam),
            hint=HINT_LOG,
            **EXACT,
        ),
        Case(name=_name("Poisson with lam = 0", "lam = 0 的泊松分布"), fn="poisson_pmf", args=(0, 0.0), hint=HINT_EDGE),
        Case(
            name=_name("Poisson pmf below 0 is 0", "泊松分布在 k < 0 处的概率为 0"),
            fn="poisson_pmf",
            args=(-2, 3.5),
            hint=HINT_EDGE,
        ),
    ]
    return cases


def _continuous(rng):
    mu, sigma = round(float(rng.uniform(-5, 5)), 3), round(float(rng.uniform(0.5, 4.0)), 3)
    return [
        Case(
            name=_name("normal pdf", "正态分布概率密度函数"),
            fn="norm_pdf",
            args=(round(float(rng.normal(mu, sigma)), 3), mu, sigma),
            **EXACT,
            hint={
                "en": "divide by sigma * sqrt(2 pi): sigma is the standard deviation",
                "zh": "要除以 sigma * sqrt(2 pi)：sigma 是标准差",
            },
        ),
        Case(
            name=_name("normal cdf", "正态分布累积分布函数"),
            fn="norm_cdf",
            args=(round(float(rng.normal(mu, sigma)), 3), mu, sigma),
            **EXACT,
        ),
        Case(
            name=_name("normal cdf 8 sigma below the mean", "均值以下 8 个 sigma 处的正态累积分布函数"),
            fn="norm_cdf",
            args=(mu - 8 * sigma, mu, sigma),
            hint=HINT_TAIL,
            **EXACT,
        ),
        Case(
            name=_name("normal cdf 30 sigma below the mean", "均值以下 30 个 sigma 处的正态累积分布函数"),
            fn="norm_cdf",
            args=(mu - 30 * sigma, mu, sigma),
            hint=HINT_TAIL,
            **EXACT,
        ),
    ]


def _fits(rng):
    n_trials = int(rng.integers(5, 20))
    return [
        Case(
            name=_name("binomial fit", "二项分布的拟合"),
            fn="fit_mle",
            args=(rng.binomial(n_trials, float(rng.uniform(0.2, 0.8)), size=40), "binomial"),
            kwargs={"n": n_trials},
            hint=HINT_MLE,
            rtol=1e-9,
        ),
        Case(
            name=_name("Poisson fit", "泊松分布的拟合"),
            fn="fit_mle",
            args=(rng.poisson(float(rng.uniform(1.0, 9.0)), size=50), "poisson"),
            hint=HINT_MLE,
            rtol=1e-9,
        ),
        Case(
            name=_name("normal fit", "正态分布的拟合"),
            fn="fit_mle",
            args=(rng.normal(float(rng.uniform(-3, 3)), float(rng.uniform(0.5, 3.0)), size=12), "normal"),
            hint=HINT_MLE,
            rtol=1e-9,
        ),
        Case(
            name=_name("uniform fit", "均匀分布的拟合"),
            fn="fit_mle",
            args=(rng.uniform(-2.0, 5.0, size=15), "uniform"),
            hint=HINT_MLE,
            rtol=1e-9,
        ),
        Case(
            name=_name("a Poisson sample of zeros", "全为 0 的泊松样本"),
            fn="fit_mle",
            args=([0, 0, 0, 0], "poisson"),
            hint=HINT_EDGE,
        ),
    ]


def _bad_input():
    bad = [
        ("p above 1", "p 大于 1", "binom_pmf", (2, 10, 1.5), {}),
        ("a negative n", "n 为负", "binom_cdf", (2, -3, 0.5), {}),
        ("a non-integer n", "n 不是整数", "binom_pmf", (2, 10.5, 0.5), {}),
        ("a negative lam", "lam 为负", "poisson_cdf", (2, -1.0), {}),
        ("sigma = 0", "sigma = 0", "norm_pdf", (0.0, 0.0, 0.0), {}),
        ("an unknown family", "未知的分布族", "fit_mle", ([1.0, 2.0], "gamma"), {}),
        ("a binomial fit without n", "没有给出 n 的二项分布拟合", "fit_mle", ([1, 2, 3], "binomial"), {}),
        ("a count above n", "计数大于 n", "fit_mle", ([1, 2, 9], "binomial"), {"n": 5}),
        ("negative Poisson counts", "为负的泊松计数", "fit_mle", ([1, -2, 3], "poisson"), {}),
        ("a normal fit of a constant sample", "对常数样本做正态拟合", "fit_mle", ([2.0, 2.0, 2.0], "normal"), {}),
        ("an empty sample", "空样本", "fit_mle", ([], "normal"), {}),
    ]
    return [
        Case(name=_name(f"{en} raises ValueError", f"{zh}时抛出 ValueError"), fn=fn, args=args, kwargs=kwargs)
        for en, zh, fn, args, kwargs in bad
    ]


def make_cases(rng):
    return [*_examples(), *_discrete(rng), *_continuous(rng), *_fits(rng), *_bad_input()]
