# Mistake: pools the variances with a plain average instead of weighting each by its degrees of freedom (n - 1).
import math

import numpy as np

ALTERNATIVES = ("two-sided", "greater", "less")


def t_test(
    a: np.ndarray, b: np.ndarray, equal_var: bool = False, alternative: str = "two-sided"
) -> tuple[float, float, float]:
    """Two-sample t-test of mean(a) against mean(b): returns (t, p_value, df)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.ndim != 1 or b.ndim != 1 or a.size < 2 or b.size < 2:
        raise ValueError("each sample must be 1-D with at least two values")
    if alternative not in ALTERNATIVES:
        raise ValueError(f"alternative must be one of {', '.join(ALTERNATIVES)}")
    na, nb = a.size, b.size
    va, vb = a.var(ddof=1), b.var(ddof=1)
    if equal_var:
        pooled = (va + vb) / 2
        se2 = pooled * (1.0 / na + 1.0 / nb)
        df = float(na + nb - 2)
    else:
        ea, eb = va / na, vb / nb
        se2 = ea + eb
        # Welch-Satterthwaite: the df of a t distribution whose variance matches the unequal-variance estimate.
        df = float(se2**2 / (ea**2 / (na - 1) + eb**2 / (nb - 1))) if se2 > 0 else float("nan")
    if se2 <= 0:
        raise ValueError("both samples are constant: the standard error is 0")
    t = float((a.mean() - b.mean()) / math.sqrt(se2))
    if alternative == "greater":
        p = student_t_sf(t, df)
    elif alternative == "less":
        p = student_t_sf(-t, df)
    else:
        p = min(1.0, 2.0 * student_t_sf(abs(t), df))
    return t, float(p), df


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
