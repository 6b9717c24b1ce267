import numpy as np
from reference import checked_cov
from scipy import optimize


def fit_decay(t, y):
    t, y = np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if t.ndim != 1 or t.shape != y.shape or t.size < 4:
        raise ValueError("t and y must be 1-D arrays of the same length, at least 4 points")
    # least_squares with a robust trust-region method from a crude start: another route to the same optimum.
    order = np.argsort(t)
    start = (y[order[0]] - y[order[-1]], 1.0 / max(np.ptp(t), 1e-9), y[order[-1]])
    result = optimize.least_squares(
        lambda p: p[0] * np.exp(-p[1] * t) + p[2] - y,
        start,
        method="trf",
        x_scale="jac",
        ftol=1e-15,
        xtol=1e-15,
        gtol=1e-15,
        max_nfev=20_000,
    )
    return tuple(float(p) for p in result.x)


def min_variance_weights(cov, allow_short=False):
    cov = checked_cov(cov)  # the statement's rules for the input: SLSQP would take any matrix
    n = cov.shape[0]
    result = optimize.minimize(
        lambda w: w @ cov @ w,
        np.full(n, 1.0 / n),
        jac=lambda w: 2 * cov @ w,
        method="SLSQP",
        bounds=None if allow_short else [(0.0, 1.0)] * n,
        constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1.0, "jac": lambda w: np.ones(n)}],
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    return result.x


def irr(cash_flows):
    flows = np.asarray(cash_flows, dtype=np.float64)
    signs = np.sign(flows[flows != 0])
    if signs.size < 2 or np.count_nonzero(np.diff(signs)) != 1:
        raise ValueError("cash flows need exactly one change of sign")
    # NPV as a polynomial in x = 1 / (1 + r): one sign change leaves exactly one positive root (Descartes).
    poly = flows[::-1]  # numpy wants the highest power first
    roots = np.roots(poly)
    x = min((r.real for r in roots if abs(r.imag) < 1e-9 and r.real > 0), key=lambda v: abs(np.polyval(poly, v)))
    x = optimize.newton(lambda v: np.polyval(poly, v), x, fprime=lambda v: np.polyval(np.polyder(poly), v))
    return float(1.0 / x - 1.0)
