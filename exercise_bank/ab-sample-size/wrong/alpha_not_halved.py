# Mistake: uses z at 1 - alpha for the two-sided test; a two-sided test splits alpha over both tails (z at 1 - alpha/2).
import math
from statistics import NormalDist

ALTERNATIVES = ("two-sided", "one-sided")
STANDARD_NORMAL = NormalDist()


def _check(p1: float, p2: float, alpha: float, alternative: str) -> None:
    if not (0.0 < p1 < 1.0 and 0.0 < p2 < 1.0):
        raise ValueError("p1 and p2 must be strictly between 0 and 1")
    if p1 == p2:
        raise ValueError("p1 and p2 must differ: there is no effect to detect")
    if not 0.0 < alpha < 1.0:
        raise ValueError("alpha must be strictly between 0 and 1")
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {', '.join(ALTERNATIVES)}")


def _z_alpha(alpha: float, alternative: str) -> float:
    return STANDARD_NORMAL.inv_cdf(1.0 - alpha)


def _spreads(p1: float, p2: float) -> tuple[float, float]:
    """Standard deviations (per sqrt(user)) of the difference under H0 (pooled rate) and under H1."""
    p_bar = (p1 + p2) / 2.0
    return math.sqrt(2.0 * p_bar * (1.0 - p_bar)), math.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))


def sample_size_per_arm(
    p1: float, p2: float, alpha: float = 0.05, power: float = 0.8, alternative: str = "two-sided"
) -> int:
    """Users needed in EACH arm to detect conversion rate p2 against p1 with the given alpha and power."""
    _check(p1, p2, alpha, alternative)
    if not 0.0 < power < 1.0:
        raise ValueError("power must be strictly between 0 and 1")
    null_sd, alt_sd = _spreads(p1, p2)
    n = ((_z_alpha(alpha, alternative) * null_sd + STANDARD_NORMAL.inv_cdf(power) * alt_sd) / (p1 - p2)) ** 2
    # Round up; the 1e-9 keeps an n that is an integer up to rounding error from becoming the next one.
    return math.ceil(n - 1e-9)


def power_two_proportions(p1: float, p2: float, n: int, alpha: float = 0.05, alternative: str = "two-sided") -> float:
    """Probability of detecting p2 against p1 with n users in each arm (the same approximation, solved for power)."""
    _check(p1, p2, alpha, alternative)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError("n must be a positive integer")
    null_sd, alt_sd = _spreads(p1, p2)
    z = (abs(p1 - p2) * math.sqrt(n) - _z_alpha(alpha, alternative) * null_sd) / alt_sd
    return STANDARD_NORMAL.cdf(z)
