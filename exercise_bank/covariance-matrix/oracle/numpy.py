import math

import numpy as np


def moments(values, probs):
    values, probs = np.asarray(values, dtype=np.float64), np.asarray(probs, dtype=np.float64)
    if values.shape != probs.shape or values.size == 0 or np.any(probs < 0) or abs(probs.sum() - 1.0) > 1e-9:
        raise ValueError("values and probs must match, probabilities >= 0 summing to 1")
    mean = float(np.average(values, weights=probs))
    return mean, float(np.average((values - mean) ** 2, weights=probs))


def _rows(rows):
    if not rows or len({len(row) for row in rows}) != 1 or not len(rows[0]):
        raise ValueError("rows must be a non-empty list of equally long observations")
    return np.asarray(rows, dtype=np.float64)


def covariance_matrix(rows, ddof=1, fweights=None):
    x = _rows(rows)
    if isinstance(ddof, bool) or not isinstance(ddof, int) or ddof < 0:
        raise ValueError("ddof must be an integer >= 0")
    if fweights is not None and (
        len(fweights) != len(x) or any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in fweights)
    ):
        raise ValueError("frequency weights must be one integer >= 0 per observation")
    total = len(x) if fweights is None else sum(fweights)
    # numpy warns and returns inf or nan here; the statement asks for ValueError.
    if total - ddof <= 0:
        raise ValueError("no degrees of freedom left")
    cov = np.cov(x, rowvar=False, ddof=ddof, fweights=fweights)
    return np.atleast_2d(cov).tolist()  # numpy squeezes a single variable to a 0-d array


def correlation_matrix(rows):
    x = _rows(rows)
    if len(x) < 2:
        raise ValueError("a correlation needs at least two observations")
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.atleast_2d(np.corrcoef(x, rowvar=False))
    return [[math.nan if math.isnan(c) else float(c) for c in row] for row in corr.tolist()]
