def binom_pmf(k: int, n: int, p: float) -> float:
    """P(X = k) for X ~ Binomial(n, p)."""
    raise NotImplementedError


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    raise NotImplementedError


def poisson_pmf(k: int, lam: float) -> float:
    """P(X = k) for X ~ Poisson(lam)."""
    raise NotImplementedError


def poisson_cdf(k: int, lam: float) -> float:
    """P(X <= k) for X ~ Poisson(lam)."""
    raise NotImplementedError


def norm_pdf(x: float, mu: float, sigma: float) -> float:
    """The density of Normal(mu, sigma^2) at x (sigma is the standard deviation)."""
    raise NotImplementedError


def norm_cdf(x: float, mu: float, sigma: float) -> float:
    """P(X <= x) for X ~ Normal(mu, sigma^2)."""
    raise NotImplementedError


def fit_mle(data, family: str, n: int | None = None) -> dict[str, float]:
    """Maximum-likelihood parameters for `family` ("binomial" with n trials, "poisson", "normal", "uniform")
    and the log-likelihood they reach, e.g. {"lam": 2.0, "loglik": -10.04}."""
    raise NotImplementedError
