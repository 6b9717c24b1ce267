"""Cases for scipy-optimize: the statement's examples shown; decays and rises at different scales (times unsorted),
long-only portfolios whose unconstrained optimum would short, portfolios with shorting, IRRs below 0 and above
100%, and bad input hidden.

Graded on the result, not on the route: a fit passes when its residual sum of squares is as low as the best one
(to 1e-6 relative), a portfolio when it is feasible and its variance is as low as the best (to 1e-4 relative), an
IRR when it is within 1e-9 of the root.
"""

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, diff

EXAMPLE_T = np.linspace(0.0, 10.0, 21)
EXAMPLE_Y = 5.0 * np.exp(-0.7 * EXAMPLE_T) + 0.5 + np.array([0.05, -0.03, 0.02, -0.04, 0.01] * 4 + [0.0])
EXAMPLE_COV = np.array([[0.04, 0.006, 0.01], [0.006, 0.09, 0.03], [0.01, 0.03, 0.0225]])
SSR_RTOL = 1e-6
VARIANCE_RTOL = 1e-4
FEASIBILITY_TOL = 1e-6
HINT_FIT = {
    "en": "minimise the squared residuals of y itself (scipy.optimize.curve_fit with a starting point read off the "
    "data), not of log(y)",
    "zh": "要最小化 y 本身的残差平方和（用 scipy.optimize.curve_fit，并从数据中估计一个初始点），而不是 log(y) 的",
}
HINT_PORTFOLIO = {
    "en": "minimise w @ cov @ w with scipy.optimize.minimize (SLSQP): an equality constraint sum(w) = 1 and bounds "
    "(0, 1) for a long-only portfolio; tighten ftol",
    "zh": "用 scipy.optimize.minimize（SLSQP）最小化 w @ cov @ w：等式约束 sum(w) = 1；不允许卖空时加上界限 (0, 1)；"
    "把 ftol 调小",
}
HINT_IRR = {
    "en": "find the root of NPV(r) = sum(cf_t / (1 + r)^t) with scipy.optimize.brentq on a bracket where NPV changes "
    "sign",
    "zh": "用 scipy.optimize.brentq 在 NPV 变号的区间上求 NPV(r) = sum(cf_t / (1 + r)^t) 的根",
}


def _decay(rng, rising=False):
    k = float(rng.uniform(0.05, 2.0))
    a = float(rng.uniform(2.0, 200.0)) * (-1.0 if rising else 1.0)
    c = float(rng.uniform(-0.5, 0.5)) * abs(a)
    t = rng.permutation(np.sort(rng.uniform(0.0, 5.0 / k, size=int(rng.integers(25, 60)))))
    y = a * np.exp(-k * t) + c + rng.normal(scale=0.03 * abs(a), size=t.size)
    return t, y


def _covariance(rng, n, must_short):
    for _ in range(1000):
        factors = rng.normal(size=(n, 2)) * rng.uniform(0.05, 0.3, size=(n, 1))
        cov = factors @ factors.T + np.diag(rng.uniform(0.01, 0.05, size=n) ** 2)
        unconstrained = np.linalg.solve(cov, np.ones(n))
        if not must_short or unconstrained.min() < 0:
            return cov
    raise RuntimeError("no covariance drawn whose unconstrained optimum shorts")


def _project(rng, periods, rate):
    flows = rng.uniform(0.5, 1.5, size=periods)
    flows *= 1000.0 / np.sum(flows / (1.0 + rate) ** np.arange(1, periods + 1))  # NPV is 0 at `rate`
    return [-1000.0, *(round(float(f), 2) for f in flows)]


_fit = case_maker("fit_decay")
_portfolio = case_maker("min_variance_weights")
_irr = case_maker("irr")


def _examples():
    return [
        _fit(bilingual("example: fit a decay", "示例：拟合衰减曲线"), EXAMPLE_T, EXAMPLE_Y, visible=True),
        _portfolio(
            bilingual("example: long-only minimum variance", "示例：不允许卖空的最小方差组合"),
            EXAMPLE_COV,
            visible=True,
        ),
        _portfolio(
            bilingual("example: minimum variance with shorting", "示例：允许卖空的最小方差组合"),
            EXAMPLE_COV,
            allow_short=True,
            visible=True,
        ),
        _irr(bilingual("example: an IRR", "示例：内部收益率"), [-100.0, 30.0, 40.0, 50.0], visible=True),
    ]


def _fits(rng):
    cases = [
        _fit(
            bilingual(f"a decay, unsorted times {i + 1}", f"衰减曲线，时间未排序 {i + 1}"), *_decay(rng), hint=HINT_FIT
        )
        for i in range(3)
    ]
    return [
        *cases,
        _fit(
            bilingual("a rise to a plateau (a < 0)", "上升并趋于平稳（a < 0）"),
            *_decay(rng, rising=True),
            hint=HINT_FIT,
        ),
        _fit(
            bilingual("t and y of different lengths raise ValueError", "t 与 y 长度不同时抛出 ValueError"),
            np.arange(6.0),
            np.arange(5.0),
        ),
        _fit(
            bilingual("three points raise ValueError", "只有三个点时抛出 ValueError"),
            np.arange(3.0),
            np.array([3.0, 2.0, 1.5]),
        ),
    ]


def _portfolios(rng):
    cases = [
        _portfolio(
            bilingual(f"long-only, {n} assets", f"不允许卖空，{n} 种资产"),
            _covariance(rng, n, must_short=True),
            hint=HINT_PORTFOLIO,
        )
        for n in (int(rng.integers(4, 6)), int(rng.integers(6, 9)))
    ]
    diagonal = np.diag(rng.uniform(0.1, 0.4, size=5) ** 2)
    return [
        *cases,
        _portfolio(
            bilingual("with shorting", "允许卖空"),
            _covariance(rng, 6, must_short=True),
            allow_short=True,
            hint=HINT_PORTFOLIO,
        ),
        _portfolio(bilingual("uncorrelated assets", "互不相关的资产"), diagonal, hint=HINT_PORTFOLIO),
        _portfolio(
            bilingual("a covariance that is not symmetric raises ValueError", "不对称的协方差矩阵抛出 ValueError"),
            np.array([[0.04, 0.01], [0.02, 0.09]]),
        ),
        _portfolio(
            bilingual(
                "a covariance that is not positive definite raises ValueError", "非正定的协方差矩阵抛出 ValueError"
            ),
            np.array([[0.04, 0.06], [0.06, 0.09]]),
        ),
    ]


def _rates(rng):
    projects = [
        _irr(
            bilingual(f"a {n}-period project", f"{n} 期的项目"),
            _project(rng, n, float(rng.uniform(0.02, 0.3))),
            hint=HINT_IRR,
        )
        for n in (int(rng.integers(4, 8)), int(rng.integers(10, 20)))
    ]
    # (English name, Chinese name, cash flows, hint), drawn in this order
    rows = [
        (
            "a project that loses money: a negative IRR",
            "亏损的项目：内部收益率为负",
            _project(rng, 5, float(rng.uniform(-0.3, -0.05))),
            HINT_IRR,
        ),
        ("an IRR above 100%", "超过 100% 的内部收益率", [-100.0, float(rng.uniform(150, 300)), 100.0], HINT_IRR),
        ("zero flows in between", "中间有为 0 的现金流", [-500.0, 0.0, 0.0, float(rng.uniform(600, 900))], HINT_IRR),
        ("two changes of sign raise ValueError", "现金流两次变号时抛出 ValueError", [-100.0, 230.0, -132.0], ""),
        ("no outflow raises ValueError", "没有现金流出时抛出 ValueError", [100.0, 50.0, 20.0], ""),
    ]
    return projects + [_irr(bilingual(en, zh), flows, hint=hint) for en, zh, flows, hint in rows]


def make_cases(rng):
    return [*_examples(), *_fits(rng), *_portfolios(rng), *_rates(rng)]


def _numbers(got, size):
    try:
        values = np.asarray(got, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return None
    return values if values.size == size and np.all(np.isfinite(values)) else None


def _ssr(params, t, y):
    a, k, c = params
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sum((a * np.exp(-k * np.asarray(t)) + c - np.asarray(y)) ** 2))


def check(case, expected, got):
    if case.fn == "irr":
        mismatch = diff(expected, got, rtol=1e-7, atol=1e-9)
        if mismatch is None:
            return None
        return mismatch.text() if case.visible else mismatch.reason_text
    if case.fn == "fit_decay":
        params = _numbers(got, 3)
        if params is None:
            return bilingual("return three finite numbers (a, k, c)", "请返回三个有限的数 (a, k, c)")
        best, mine = _ssr(expected, *case.args), _ssr(params, *case.args)
        if not mine <= best * (1 + SSR_RTOL) + 1e-12:
            shown = f" ({mine:.6g} against {best:.6g})" if case.visible else ""
            shown_zh = f"（{mine:.6g}，而最优为 {best:.6g}）" if case.visible else ""
            return bilingual(
                f"not the least-squares fit: the residual sum of squares is higher than the best one{shown}",
                f"不是最小二乘拟合：残差平方和高于最优值{shown_zh}",
            )
        return None
    cov = np.asarray(case.args[0])
    weights = _numbers(got, cov.shape[0])
    if weights is None:
        return bilingual(
            f"return {cov.shape[0]} finite weights, one per asset", f"请返回 {cov.shape[0]} 个有限的权重，每种资产一个"
        )
    if abs(weights.sum() - 1.0) > FEASIBILITY_TOL:
        return bilingual("the weights must sum to 1", "权重之和必须为 1")
    if not case.kwargs.get("allow_short", False) and weights.min() < -FEASIBILITY_TOL:
        return bilingual("a long-only portfolio has no negative weight", "不允许卖空的组合不能有负的权重")
    best, mine = float(expected @ cov @ expected), float(weights @ cov @ weights)
    if not mine <= best * (1 + VARIANCE_RTOL):
        shown = f" ({mine:.6g} against {best:.6g})" if case.visible else ""
        shown_zh = f"（{mine:.6g}，而最小为 {best:.6g}）" if case.visible else ""
        return bilingual(f"the variance is not the minimum{shown}", f"方差不是最小的{shown_zh}")
    return None
