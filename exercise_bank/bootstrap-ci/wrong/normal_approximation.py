# Mistake: reports the normal-approximation interval (estimate +/- z * standard error of the resamples) instead of the percentiles of the bootstrap estimates.
from statistics import NormalDist

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
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    centre = float(STATS[statistic](data, axis=0))
    se = float(np.std(estimates, ddof=1))
    return centre - z * se, centre + z * se
