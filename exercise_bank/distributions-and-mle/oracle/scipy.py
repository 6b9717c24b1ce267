import math

import numpy as np
from scipy import stats

# scipy answers nan for parameters outside the family; the statement asks for ValueError.


def _binomial(n, p):
    if isinstance(n, bool) or not isinstance(n, int) or n < 0 or not 0.0 <= p <= 1.0:
        raise ValueError("n must be an integer >= 0 and p in [0, 1]")


def _poisson(lam):
    if not lam >= 0.0 or math.isinf(lam):
        raise ValueError("lam must be a finite number >= 0")


def _normal(sigma):
    if not sigma > 0.0 or math.isinf(sigma):
        raise ValueError("sigma must be a finite number > 0")


def binom_pmf(k, n, p):
    _binomial(n, p)
    return float(stats.binom.pmf(k, n, p))


def binom_cdf(k, n, p):
    _binomial(n, p)
    return float(stats.binom.cdf(k, n, p))


def poisson_pmf(k, lam):
    _poisson(lam)
    return float(stats.poisson.pmf(k, lam))


def poisson_cdf(k, lam):
    _poisson(lam)
    return float(stats.poisson.cdf(k, lam))


def norm_pdf(x, mu, sigma):
    _normal(sigma)
    return float(stats.norm.pdf(x, loc=mu, scale=sigma))


def norm_cdf(x, mu, sigma):
    _normal(sigma)
    return float(stats.norm.cdf(x, loc=mu, scale=sigma))


def _counts(x, upper=None):
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("counts must be integers >= 0")
    if upper is not None and (isinstance(upper, bool) or not isinstance(upper, int) or upper < 1 or np.any(x > upper)):
        raise ValueError("a binomial fit needs n >= 1 and counts <= n")


def fit_mle(data, family, n=None):
    x = np.asarray(data, dtype=np.float64)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("data must be a non-empty 1-D sample")
    if family == "binomial":
        _counts(x, n)
        # scipy's discrete distributions have no closed-form fit; the binomial MLE of p is the mean over n.
        p = float(x.mean()) / n
        return {"p": p, "loglik": float(stats.binom.logpmf(x, n, p).sum())}
    if family == "poisson":
        _counts(x)
        lam = float(x.mean())
        return {"lam": lam, "loglik": float(stats.poisson.logpmf(x, lam).sum())}
    if family == "normal":
        mu, sigma = stats.norm.fit(x)
        _normal(sigma)
        return {"mu": float(mu), "sigma": float(sigma), "loglik": float(stats.norm.logpdf(x, mu, sigma).sum())}
    if family == "uniform":
        loc, scale = stats.uniform.fit(x)
        if scale <= 0:
            raise ValueError("a uniform fit needs two distinct values")
        a, b = float(loc), float(loc + scale)
        return {"a": a, "b": b, "loglik": float(stats.uniform.logpdf(x, loc, scale).sum())}
    raise ValueError(f"unknown family {family!r}")
