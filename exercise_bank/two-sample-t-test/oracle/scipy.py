import numpy as np
from scipy import stats


def t_test(a, b, equal_var=False, alternative="two-sided"):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    # scipy returns nan (with a warning) for these; the statement asks for a ValueError.
    if a.ndim != 1 or b.ndim != 1 or a.size < 2 or b.size < 2:
        raise ValueError("each sample must be 1-D with at least two values")
    if a.var() == 0 and b.var() == 0:
        raise ValueError("the standard error is 0")
    result = stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    return float(result.statistic), float(result.pvalue), float(result.df)
