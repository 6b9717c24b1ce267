# Mistake: pools the variances with a plain average instead of weighting each by its degrees of freedom (n - 1).
import math

import numpy as np
from starter import student_t_sf

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
