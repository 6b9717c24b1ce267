import math

import numpy as np

FAMILIES = ("binomial", "poisson", "normal", "uniform")


def binom_pmf(k: int, n: int, p: float) -> float:
    """P(X = k) for X ~ Binomial(n, p)."""
    _check_binomial(n, p)
    return math.exp(_binom_logpmf(k, n, p))


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    _check_binomial(n, p)
    if k >= n:
        return 1.0
    return min(1.0, math.fsum(math.exp(_binom_logpmf(i, n, p)) for i in range(0, k + 1)))


def poisson_pmf(k: int, lam: float) -> float:
    """P(X = k) for X ~ Poisson(lam)."""
    _check_poisson(lam)
    return math.exp(_poisson_logpmf(k, lam))


def poisson_cdf(k: int, lam: float) -> float:
    """P(X <= k) for X ~ Poisson(lam)."""
    _check_poisson(lam)
    return min(1.0, math.fsum(math.exp(_poisson_logpmf(i, lam)) for i in range(0, k + 1)))


def norm_pdf(x: float, mu: float, sigma: float) -> float:
    """The density of Normal(mu, sigma^2) at x (sigma is the standard deviation)."""
    _check_sigma(sigma)
    z = (x - mu) / sigma
    return math.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))


def norm_cdf(x: float, mu: float, sigma: float) -> float:
    """P(X <= x) for X ~ Normal(mu, sigma^2)."""
    _check_sigma(sigma)
    # erfc keeps its relative accuracy far in the lower tail, where 1 + erf(z) cancels to 0.
    return 0.5 * math.erfc(-(x - mu) / (sigma * math.sqrt(2.0)))


def fit_mle(data, family: str, n: int | None = None) -> dict[str, float]:
    """Maximum-likelihood parameters of `family` for the sample, and the log-likelihood they reach."""
    x = np.asarray(data, dtype=np.float64)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("data must be a non-empty 1-D sample")
    if family == "binomial":
        _check_counts(x, upper=n)
        p = float(x.mean()) / n
        return {"p": p, "loglik": math.fsum(_binom_logpmf(int(v), n, p) for v in x)}
    if family == "poisson":
        _check_counts(x)
        lam = float(x.mean())
        return {"lam": lam, "loglik": math.fsum(_poisson_logpmf(int(v), lam) for v in x)}
    if family == "normal":
        mu = float(x.mean())
        sigma = math.sqrt(float(np.mean((x - mu) ** 2)))  # MLE: divide by n, not n - 1
        _check_sigma(sigma)
        return {"mu": mu, "sigma": sigma, "loglik": math.fsum(math.log(norm_pdf(v, mu, sigma)) for v in x)}
    if family == "uniform":
        a, b = float(x.min()), float(x.max())
        if a == b:
            raise ValueError("a uniform fit needs at least two distinct values")
        return {"a": a, "b": b, "loglik": -x.size * math.log(b - a)}
    raise ValueError(f"family must be one of {', '.join(FAMILIES)}, got {family!r}")


def _binom_logpmf(k: int, n: int, p: float) -> float:
    if k < 0 or k > n:
        return -math.inf
    # p = 0 or 1 put all the mass on one value; the general formula would take log(0).
    if p == 0.0:
        return 0.0 if k == 0 else -math.inf
    if p == 1.0:
        return 0.0 if k == n else -math.inf
    # The exact integer is the most accurate; past n = 1000 it gets slow to build, and lgamma is close enough.
    log_comb = (
        math.log(math.comb(n, k)) if n <= 1000 else math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
    )
    return log_comb + k * math.log(p) + (n - k) * math.log1p(-p)


def _poisson_logpmf(k: int, lam: float) -> float:
    if k < 0:
        return -math.inf
    if lam == 0.0:
        return 0.0 if k == 0 else -math.inf
    return k * math.log(lam) - lam - math.lgamma(k + 1)


def _check_binomial(n: int, p: float) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be an integer >= 0, got {n!r}")
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p!r}")


def _check_poisson(lam: float) -> None:
    if not lam >= 0.0 or math.isinf(lam):
        raise ValueError(f"lam must be a finite number >= 0, got {lam!r}")


def _check_sigma(sigma: float) -> None:
    if not sigma > 0.0 or math.isinf(sigma):
        raise ValueError(f"sigma must be a finite number > 0, got {sigma!r}")


def _check_counts(x: np.ndarray, upper: int | None = None) -> None:
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("counts must be integers >= 0")
    if upper is not None:
        if isinstance(upper, bool) or not isinstance(upper, int) or upper < 1:
            raise ValueError(f"a binomial fit needs the number of trials n >= 1, got {upper!r}")
        if np.any(x > upper):
            raise ValueError(f"a count is larger than n = {upper}")
