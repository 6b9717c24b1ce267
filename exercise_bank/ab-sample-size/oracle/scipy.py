import math

from scipy.stats import norm

# statsmodels (NormalIndPower with Cohen's h) is not installed here and uses an arcsine transform that
# gives slightly different numbers; this oracle checks the statement's formula with scipy's normal
# quantiles and CDF instead of the standard library's NormalDist.


def _check(p1, p2, alpha, alternative):
    if not (0 < p1 < 1 and 0 < p2 < 1) or p1 == p2 or not 0 < alpha < 1:
        raise ValueError("bad rates or alpha")
    if alternative not in ("two-sided", "one-sided"):
        raise ValueError("bad alternative")
    z_alpha = norm.ppf(1 - alpha / 2) if alternative == "two-sided" else norm.ppf(1 - alpha)
    p_bar = (p1 + p2) / 2
    return z_alpha, math.sqrt(2 * p_bar * (1 - p_bar)), math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8, alternative="two-sided"):
    z_alpha, null_sd, alt_sd = _check(p1, p2, alpha, alternative)
    if not 0 < power < 1:
        raise ValueError("bad power")
    return math.ceil(((z_alpha * null_sd + norm.ppf(power) * alt_sd) / (p1 - p2)) ** 2 - 1e-9)


def power_two_proportions(p1, p2, n, alpha=0.05, alternative="two-sided"):
    z_alpha, null_sd, alt_sd = _check(p1, p2, alpha, alternative)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError("bad n")
    return float(norm.cdf((abs(p1 - p2) * math.sqrt(n) - z_alpha * null_sd) / alt_sd))
