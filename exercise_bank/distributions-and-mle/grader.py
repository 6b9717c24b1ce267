"""Cases for distributions-and-mle: the statement's examples shown; large n and lam (where the textbook formula
overflows), far tails compared without an absolute tolerance, degenerate parameters, values outside the support,
maximum-likelihood fits of random samples from each family, and bad parameters hidden."""

from gpu_runner.graders.case_texts import bilingual, raises_value_error
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
HINT_PDF = {
    "en": "divide by sigma * sqrt(2 pi): sigma is the standard deviation",
    "zh": "要除以 sigma * sqrt(2 pi)：sigma 是标准差",
}
HINT_MLE = {
    "en": "binomial p = mean / n, Poisson lam = mean, normal mu = mean and sigma with 1/n (not 1/(n-1)), "
    "uniform a = min and b = max; loglik sums the log pmf or pdf over the sample",
    "zh": "二项分布 p = 均值 / n，泊松分布 lam = 均值，正态分布 mu = 均值、sigma 用 1/n（不是 1/(n-1)），均匀分布 a = 最小值、"
    "b = 最大值；loglik 是样本中每个值的对数概率（密度）之和",
}


FIT = {"rtol": 1e-9}  # a fitted parameter and its log-likelihood
DEFAULT = {}  # code.py's tolerances


def _cases(rows, *, visible=False):
    """Cases from rows of (English name, Chinese name, function, args, hint, tolerances)."""
    return [
        Case(name=bilingual(en, zh), fn=fn, args=args, visible=visible, hint=hint, **tolerances)
        for en, zh, fn, args, hint, tolerances in rows
    ]


def _examples():
    return _cases(
        [
            ("example: binomial pmf", "示例：二项分布的概率质量函数", "binom_pmf", (3, 10, 0.5), "", EXACT),
            ("example: binomial cdf", "示例：二项分布的累积分布函数", "binom_cdf", (3, 10, 0.5), "", EXACT),
            ("example: Poisson pmf", "示例：泊松分布的概率质量函数", "poisson_pmf", (2, 3.0), "", EXACT),
            ("example: normal cdf", "示例：正态分布的累积分布函数", "norm_cdf", (1.96, 0.0, 1.0), "", EXACT),
            ("example: Poisson fit", "示例：泊松分布的拟合", "fit_mle", ([2, 3, 1, 4, 0, 2], "poisson"), "", FIT),
        ],
        visible=True,
    )


def _discrete(rng):
    n = int(rng.integers(4000, 6000))
    lam = float(rng.integers(800, 1200))
    small_n, small_p = int(rng.integers(10, 40)), round(float(rng.uniform(0.1, 0.9)), 3)
    small = (small_n, small_p)
    return _cases(
        [
            (
                "binomial pmf, large n",
                "二项分布概率质量函数，n 很大",
                "binom_pmf",
                (n // 2 - int(rng.integers(0, 30)), n, 0.5),
                HINT_LOG,
                EXACT,
            ),
            (
                "binomial pmf far in the tail",
                "二项分布概率质量函数，远尾部",
                "binom_pmf",
                (int(rng.integers(2, 8)), 1000, 0.3),
                HINT_LOG,
                EXACT,
            ),
            (
                "binomial pmf, moderate n",
                "二项分布概率质量函数，n 适中",
                "binom_pmf",
                (int(rng.integers(0, small_n + 1)), *small),
                "",
                EXACT,
            ),
            (
                "binomial cdf, moderate n",
                "二项分布累积分布函数，n 适中",
                "binom_cdf",
                (int(rng.integers(0, small_n)), *small),
                HINT_CDF,
                EXACT,
            ),
            (
                "binomial cdf in the lower tail of a large n",
                "n 很大时二项分布累积分布函数的下尾部",
                "binom_cdf",
                (int(n * 0.45), n, 0.5),
                HINT_LOG,
                EXACT,
            ),
            ("binomial with p = 0", "p = 0 的二项分布", "binom_pmf", (0, 12, 0.0), HINT_EDGE, DEFAULT),
            ("binomial with p = 1", "p = 1 的二项分布", "binom_pmf", (12, 12, 1.0), HINT_EDGE, DEFAULT),
            (
                "binomial pmf above n is 0",
                "二项分布在 k > n 处的概率为 0",
                "binom_pmf",
                (13, 12, 0.4),
                HINT_EDGE,
                DEFAULT,
            ),
            (
                "binomial cdf at n is 1",
                "二项分布累积分布函数在 k = n 处为 1",
                "binom_cdf",
                (small_n, *small),
                HINT_CDF,
                DEFAULT,
            ),
            (
                "binomial cdf below 0 is 0",
                "二项分布累积分布函数在 k < 0 处为 0",
                "binom_cdf",
                (-1, *small),
                HINT_EDGE,
                DEFAULT,
            ),
            (
                "Poisson pmf, large lam",
                "泊松分布概率质量函数，lam 很大",
                "poisson_pmf",
                (int(lam) + int(rng.integers(-20, 20)), lam),
                HINT_LOG,
                EXACT,
            ),
            (
                "Poisson cdf",
                "泊松分布累积分布函数",
                "poisson_cdf",
                (int(rng.integers(2, 9)), round(float(rng.uniform(2.0, 8.0)), 2)),
                HINT_CDF,
                EXACT,
            ),
            (
                "Poisson cdf in the lower tail of a large lam",
                "lam 很大时泊松分布累积分布函数的下尾部",
                "poisson_cdf",
                (int(lam * 0.9), lam),
                HINT_LOG,
                EXACT,
            ),
            ("Poisson with lam = 0", "lam = 0 的泊松分布", "poisson_pmf", (0, 0.0), HINT_EDGE, DEFAULT),
            ("Poisson pmf below 0 is 0", "泊松分布在 k < 0 处的概率为 0", "poisson_pmf", (-2, 3.5), HINT_EDGE, DEFAULT),
        ]
    )


def _continuous(rng):
    mu, sigma = round(float(rng.uniform(-5, 5)), 3), round(float(rng.uniform(0.5, 4.0)), 3)
    return _cases(
        [
            (
                "normal pdf",
                "正态分布概率密度函数",
                "norm_pdf",
                (round(float(rng.normal(mu, sigma)), 3), mu, sigma),
                HINT_PDF,
                EXACT,
            ),
            (
                "normal cdf",
                "正态分布累积分布函数",
                "norm_cdf",
                (round(float(rng.normal(mu, sigma)), 3), mu, sigma),
                "",
                EXACT,
            ),
            (
                "normal cdf 8 sigma below the mean",
                "均值以下 8 个 sigma 处的正态累积分布函数",
                "norm_cdf",
                (mu - 8 * sigma, mu, sigma),
                HINT_TAIL,
                EXACT,
            ),
            (
                "normal cdf 30 sigma below the mean",
                "均值以下 30 个 sigma 处的正态累积分布函数",
                "norm_cdf",
                (mu - 30 * sigma, mu, sigma),
                HINT_TAIL,
                EXACT,
            ),
        ]
    )


def _fits(rng):
    n_trials = int(rng.integers(5, 20))
    binomial = Case(
        name=bilingual("binomial fit", "二项分布的拟合"),
        fn="fit_mle",
        args=(rng.binomial(n_trials, float(rng.uniform(0.2, 0.8)), size=40), "binomial"),
        kwargs={"n": n_trials},
        hint=HINT_MLE,
        **FIT,
    )
    hidden = _cases(
        [
            (
                "Poisson fit",
                "泊松分布的拟合",
                "fit_mle",
                (rng.poisson(float(rng.uniform(1.0, 9.0)), size=50), "poisson"),
                HINT_MLE,
                FIT,
            ),
            (
                "normal fit",
                "正态分布的拟合",
                "fit_mle",
                (rng.normal(float(rng.uniform(-3, 3)), float(rng.uniform(0.5, 3.0)), size=12), "normal"),
                HINT_MLE,
                FIT,
            ),
            ("uniform fit", "均匀分布的拟合", "fit_mle", (rng.uniform(-2.0, 5.0, size=15), "uniform"), HINT_MLE, FIT),
            (
                "a Poisson sample of zeros",
                "全为 0 的泊松样本",
                "fit_mle",
                ([0, 0, 0, 0], "poisson"),
                HINT_EDGE,
                DEFAULT,
            ),
        ]
    )
    return [binomial, *hidden]


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
    return [Case(name=raises_value_error(en, zh), fn=fn, args=args, kwargs=kwargs) for en, zh, fn, args, kwargs in bad]


def make_cases(rng):
    return [*_examples(), *_discrete(rng), *_continuous(rng), *_fits(rng), *_bad_input()]
