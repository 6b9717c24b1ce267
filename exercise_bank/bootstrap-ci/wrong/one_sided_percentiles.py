# Mistake: cuts at the (1 - confidence) and confidence percentiles (5 % and 95 % for 0.95), which is a 90 % interval.
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
    estimates = STATS[statistic](data[rng.integers(0, data.size, size=(n_resamples, data.size))], axis=1)
    low, high = np.percentile(estimates, [100 * (1 - confidence), 100 * confidence])
    return float(low), float(high)
