def moments(values: list[float], probs: list[float]) -> tuple[float, float]:
    """(E[X], Var(X)) of a discrete random variable taking values[i] with probability probs[i]."""
    raise NotImplementedError


def covariance_matrix(rows: list[list[float]], ddof: int = 1, fweights: list[int] | None = None) -> list[list[float]]:
    """The d x d covariance matrix of n observations (the rows) of d variables (the columns).

    ddof: the divisor is (number of observations - ddof). fweights: how many times each row counts.
    """
    raise NotImplementedError


def correlation_matrix(rows: list[list[float]]) -> list[list[float]]:
    """The d x d matrix of Pearson correlations between the columns (nan for a constant column)."""
    raise NotImplementedError
