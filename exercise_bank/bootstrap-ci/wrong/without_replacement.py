# Mistake: resamples without replacement (a permutation of the data), so every resample has the same mean and the interval collapses.
import numpy as np

STATS = {"mean": np.mean, "median": np.median, "std": lambda a, axis: np.std(a, axis=axis, ddof=1)}


def _check(data, statistic, n_resamples, confidence):
    data = np.asarray(data, dtype=float)
    if data.ndim != 1 or data.size < 2 or statistic not in STATS or not 0 < confidence < 1 or n_resamples < 1:
        raise ValueError("bad input")
    return data


def bootstrap_ci(data, statistic="mean", n_resamples=1000, confidence=0.95, seed=0):
    data = _check(data, statistic, n_resamples, confidence)
    rng = np.random.default_rng(seed)
    estimates = np.array([STATS[statistic](rng.permutation(data), axis=0) for _ in range(n_resamples)])
    tail = (1 - confidence) / 2
    low, high = np.percentile(estimates, [100 * tail, 100 * (1 - tail)])
    return float(low), float(high)
