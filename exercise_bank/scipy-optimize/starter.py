import numpy as np


def fit_decay(t: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Least-squares fit of y = a * exp(-k * t) + c: returns (a, k, c)."""
    raise NotImplementedError


def min_variance_weights(cov: np.ndarray, allow_short: bool = False) -> np.ndarray:
    """Weights summing to 1 (each >= 0 unless allow_short) that minimise the variance w @ cov @ w."""
    raise NotImplementedError


def irr(cash_flows: list[float]) -> float:
    """The internal rate of return: the rate r > -1 at which the net present value of the flows is 0."""
    raise NotImplementedError
