import numpy as np
from scipy import stats

STATISTICS = {
    "mean": np.mean,
    "median": np.median,
    "std": lambda a, axis: np.std(a, axis=axis, ddof=1),
}


def bootstrap_ci(data, statistic="mean", n_resamples=1000, confidence=0.95, seed=0):
    data = np.asarray(data, dtype=np.float64)
    if data.ndim != 1 or statistic not in STATISTICS:
        raise ValueError("bad data or statistic")  # scipy takes any callable and any axis
    if not 0.0 < confidence < 1.0 or n_resamples < 1:
        raise ValueError("bad confidence or n_resamples")
    # scipy draws rng.integers(0, n, (n_resamples, n)) in one batch and takes np.percentile of the
    # estimates: the same numbers as the statement, from the same seed.
    result = stats.bootstrap(
        (data,),
        STATISTICS[statistic],
        n_resamples=n_resamples,
        confidence_level=confidence,
        method="percentile",
        vectorized=True,
        rng=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)
