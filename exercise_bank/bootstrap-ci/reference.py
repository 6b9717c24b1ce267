import numpy as np

STATISTICS = {
    "mean": lambda a, axis: np.mean(a, axis=axis),
    "median": lambda a, axis: np.median(a, axis=axis),
    "std": lambda a, axis: np.std(a, axis=axis, ddof=1),
}


def bootstrap_ci(
    data: np.ndarray, statistic: str = "mean", n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval (low, high) for a statistic of a 1-D sample, reproducible from `seed`."""
    data = np.asarray(data, dtype=np.float64)
    if data.ndim != 1 or data.size < 2:
        raise ValueError("data must be a 1-D sample with at least two values")
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {', '.join(STATISTICS)}, got {statistic!r}")
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be strictly between 0 and 1")
    if n_resamples < 1:
        raise ValueError("n_resamples must be >= 1")
    rng = np.random.default_rng(seed)
    # One draw of all indices, row by row: resample b is data[index[b]].
    index = rng.integers(0, data.size, size=(n_resamples, data.size))
    estimates = STATISTICS[statistic](data[index], axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.percentile(estimates, [100.0 * tail, 100.0 * (1.0 - tail)])
    return float(low), float(high)
