# Mistake: weights the sums but divides by the number of rows - ddof, not by sum(fweights) - ddof.
import math

PROBABILITY_SLACK = 1e-9


def moments(values: list[float], probs: list[float]) -> tuple[float, float]:
    """(E[X], Var(X)) of a discrete random variable taking values[i] with probability probs[i]."""
    if len(values) != len(probs) or not values:
        raise ValueError("values and probs must be non-empty and of the same length")
    if any(p < 0 for p in probs) or abs(math.fsum(probs) - 1.0) > PROBABILITY_SLACK:
        raise ValueError("probabilities must be >= 0 and sum to 1")
    mean = math.fsum(p * x for x, p in zip(values, probs))
    variance = math.fsum(p * (x - mean) ** 2 for x, p in zip(values, probs))
    return mean, variance


def covariance_matrix(rows: list[list[float]], ddof: int = 1, fweights: list[int] | None = None) -> list[list[float]]:
    """The d x d covariance matrix of n observations (rows) of d variables (columns), as numpy.cov(rowvar=False)."""
    columns = _columns(rows)
    weights = _weights(fweights, len(rows))
    if isinstance(ddof, bool) or not isinstance(ddof, int) or ddof < 0:
        raise ValueError(f"ddof must be an integer >= 0, got {ddof!r}")
    total = sum(weights)
    if total - ddof <= 0:
        raise ValueError(f"{total} weighted observations leave no degrees of freedom for ddof={ddof}")
    # Two passes: centre first, then multiply. The one-pass E[XY] - E[X]E[Y] cancels catastrophically
    # when the mean is large against the spread.
    means = [math.fsum(w * x for w, x in zip(weights, column)) / total for column in columns]
    centred = [[x - mean for x in column] for column, mean in zip(columns, means)]
    return [
        [math.fsum(w * a * b for w, a, b in zip(weights, ci, cj)) / (len(rows) - ddof) for cj in centred]
        for ci in centred
    ]


def correlation_matrix(rows: list[list[float]]) -> list[list[float]]:
    """Pearson correlations between the columns; nan in the row and column of a constant variable."""
    if len(rows) < 2:
        raise ValueError("a correlation needs at least two observations")
    cov = covariance_matrix(rows, ddof=1)
    std = [math.sqrt(cov[i][i]) for i in range(len(cov))]
    result = []
    for i, row in enumerate(cov):
        out = []
        for j, c in enumerate(row):
            if std[i] == 0.0 or std[j] == 0.0:
                out.append(math.nan)  # 0 / 0: a constant variable has no correlation with anything
            else:
                out.append(max(-1.0, min(1.0, c / (std[i] * std[j]))))
        result.append(out)
    return result


def _columns(rows: list[list[float]]) -> list[list[float]]:
    if not rows or not all(isinstance(row, (list, tuple)) for row in rows):
        raise ValueError("rows must be a non-empty list of observations")
    width = len(rows[0])
    if width == 0 or any(len(row) != width for row in rows):
        raise ValueError("every observation must have the same, non-zero number of variables")
    return [[float(row[j]) for row in rows] for j in range(width)]


def _weights(fweights: list[int] | None, n: int) -> list[int]:
    if fweights is None:
        return [1] * n
    if len(fweights) != n:
        raise ValueError(f"expected {n} frequency weights, got {len(fweights)}")
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in fweights):
        raise ValueError("frequency weights must be integers >= 0")
    return list(fweights)
