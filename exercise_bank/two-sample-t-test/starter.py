import math

import numpy as np


def t_test(
    a: np.ndarray, b: np.ndarray, equal_var: bool = False, alternative: str = "two-sided"
) -> tuple[float, float, float]:
    """Two-sample t-test of mean(a) against mean(b): returns (t, p_value, df).

    equal_var=False is Welch's test, equal_var=True the pooled-variance (Student) test; alternative is
    "two-sided", "greater" (mean(a) > mean(b)) or "less". Use student_t_sf below for the p-value.
    """
    raise NotImplementedError


# --- provided: the t distribution's survival function (keep it; SciPy is not available) ----------------


def student_t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t distribution with `df` degrees of freedom (df > 0, need not be an integer).

    Provided for you: it evaluates the regularised incomplete beta function with a continued fraction
    (Numerical Recipes, betacf), accurate to about 1e-14 relative.
    """
    if df <= 0:
        raise ValueError("df must be > 0")
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2.0, 0.5, x)  # P(|T| > |t|) / 2
    return tail if t >= 0 else 1.0 - tail


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def _betacf(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 1e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            break
    return h
