import itertools

import numpy as np
from scipy import optimize


def fit_decay(t: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Least-squares fit of y = a * exp(-k * t) + c: returns (a, k, c)."""
    t, y = np.asarray(t, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if t.ndim != 1 or t.shape != y.shape or t.size < 4:
        raise ValueError("t and y must be 1-D arrays of the same length, at least 4 points")
    # A starting point read off the data: c near the tail, a the drop, k from the time to fall halfway.
    c0 = float(y[np.argmax(t)])
    a0 = float(y[np.argmin(t)]) - c0
    halfway = np.abs(y - (c0 + a0 / 2)).argmin()
    k0 = np.log(2) / max(float(t[halfway] - t.min()), 1e-3)
    params, _ = optimize.curve_fit(
        lambda t, a, k, c: a * np.exp(-k * t) + c, t, y, p0=(a0, k0, c0), maxfev=10_000, ftol=1e-12, xtol=1e-12
    )
    return tuple(float(p) for p in params)


def min_variance_weights(cov: np.ndarray, allow_short: bool = False) -> np.ndarray:
    """Weights summing to 1 (and >= 0 unless allow_short) that minimise the variance w @ cov @ w."""
    cov = checked_cov(cov)
    n = cov.shape[0]
    if allow_short:
        return _on_support(cov, list(range(n)))
    # The exact optimum of this small quadratic program: the best of the equality-constrained solutions on
    # every support whose weights are all >= 0 (the optimum is one of them).
    best, best_var = None, np.inf
    for size in range(1, n + 1):
        for support in itertools.combinations(range(n), size):
            w = _on_support(cov, list(support))
            if w.min() >= -1e-12 and w @ cov @ w < best_var:
                best, best_var = np.clip(w, 0.0, None), float(w @ cov @ w)
    return best / best.sum()


def checked_cov(cov: np.ndarray) -> np.ndarray:
    """`cov` as a float64 matrix; ValueError unless it is a non-empty, symmetric, positive definite square one."""
    cov = np.asarray(cov, dtype=np.float64)
    if cov.ndim != 2 or cov.shape[0] != cov.shape[1] or cov.size == 0 or not np.allclose(cov, cov.T):
        raise ValueError("cov must be a non-empty symmetric square matrix")
    eigenvalues = np.linalg.eigvalsh(cov)
    if eigenvalues.min() <= 1e-12 * eigenvalues.max():
        raise ValueError("cov must be positive definite")
    return cov


def irr(cash_flows: list[float]) -> float:
    """The internal rate of return: the r > -1 at which the net present value of the flows is 0."""
    flows = np.asarray(cash_flows, dtype=np.float64)
    signs = np.sign(flows[flows != 0])
    if flows.ndim != 1 or signs.size < 2 or np.count_nonzero(np.diff(signs)) != 1:
        raise ValueError("cash flows need exactly one change of sign for a unique IRR")
    times = np.arange(flows.size)

    def npv(rate: float) -> float:
        return float(np.sum(flows / (1.0 + rate) ** times))

    low, high = -0.999999, 1.0
    while npv(low) * npv(high) > 0:  # one sign change: the root is unique, so widen until it is bracketed
        high = high * 2 + 1
    return float(optimize.brentq(npv, low, high, xtol=1e-14, rtol=1e-14, maxiter=500))


def _on_support(cov: np.ndarray, support: list[int]) -> np.ndarray:
    sub = cov[np.ix_(support, support)]
    x = np.linalg.solve(sub, np.ones(len(support)))
    w = np.zeros(cov.shape[0])
    w[support] = x / x.sum()
    return w
