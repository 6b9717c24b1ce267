import numpy as np


def bootstrap_ci(
    data: np.ndarray, statistic: str = "mean", n_resamples: int = 1000, confidence: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval (low, high) for a statistic ("mean", "median" or "std") of a 1-D sample.

    Draw the resamples with rng = np.random.default_rng(seed) and
    rng.integers(0, n, size=(n_resamples, n)), so the result is reproducible.
    """
    raise NotImplementedError
