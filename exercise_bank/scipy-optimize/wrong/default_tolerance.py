# Mistake: SLSQP with its default ftol (1e-6, an absolute tolerance) stops early on variances of about 0.001,
# far from the minimum.
import numpy as np
from scipy import optimize


def fit_decay(t, y):
    t, y = np.asarray(t, float), np.asarray(y, float)
    if t.shape != y.shape or t.size < 4:
        raise ValueError("bad")
    i = np.argsort(t)
    p0 = (y[i[0]] - y[i[-1]], 1.0 / np.ptp(t), y[i[-1]])
    params, _ = optimize.curve_fit(lambda t, a, k, c: a * np.exp(-k * t) + c, t, y, p0=p0, maxfev=5000)
    return tuple(params)


def min_variance_weights(cov, allow_short=False):
    cov = np.asarray(cov, float)
    if not np.allclose(cov, cov.T):
        raise ValueError("not symmetric")
    ev = np.linalg.eigvalsh(cov)
    if ev.min() <= 1e-12 * ev.max():
        raise ValueError("not pd")
    n = len(cov)
    res = optimize.minimize(
        lambda w: w @ cov @ w,
        np.ones(n) / n,
        method="SLSQP",
        bounds=None if allow_short else [(0, 1)] * n,
        constraints={"type": "eq", "fun": lambda w: w.sum() - 1},
    )
    return res.x


def irr(cash_flows):
    cf = np.asarray(cash_flows, float)
    s = np.sign(cf[cf != 0])
    if len(s) < 2 or np.count_nonzero(np.diff(s)) != 1:
        raise ValueError("need one sign change")

    def npv(r):
        return np.sum(cf / (1 + r) ** np.arange(len(cf)))

    return optimize.brentq(npv, -0.99, 100)
