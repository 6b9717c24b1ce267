# Mistake: draws with the legacy global np.random.seed / np.random.choice, a different random stream from default_rng(seed).
import numpy as np

STATS = {"mean": np.mean, "median": np.median, "std": lambda a, axis: np.std(a, axis=axis, ddof=1)}


def _check(data, statistic, n_resamples, confidence):
    data = np.asarray(data, dtype=float)
    if data.ndim != 1 or data.size < 2 or statistic not in STATS or not 0 < confidence < 1 or n_resamples < 1:
        raise ValueError("bad input")
    return data


def bootstrap_ci(data, statistic="mean", n_resamples=1000, confidence=0.95, seed=0):
    data = _check(data, statistic, n_resamples, confidence)
    np.random.seed(seed)
    resamples = np.array([np.random.choice(data, size=data.size, replace=True) for _ in range(n_resamples)])
    estimates = STATS[statistic](resamples, axis=1)
    tail = (1 - confidence) / 2
    low, high = np.percentile(estimates, [100 * tail, 100 * (1 - tail)])
    return float(low), float(high)
