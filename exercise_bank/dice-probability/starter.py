def probability(dice: list, event: list) -> tuple[int, int]:
    """P(event) as (numerator, denominator) in lowest terms.

    dice: one entry per die, a number of faces (a fair die) or a list of integer weights (a loaded die).
    event: a list of conditions [statistic, operator, value], all of which must hold.
    """
    raise NotImplementedError


def conditional(dice: list, event: list, given: list) -> tuple[int, int]:
    """P(event | given); raise ValueError when P(given) = 0."""
    raise NotImplementedError


def independent(dice: list, a: list, b: list) -> bool:
    """True when the events a and b are independent (exactly)."""
    raise NotImplementedError


def distribution(dice: list, statistic: str) -> list[tuple[int, int, int]]:
    """[(value, numerator, denominator), ...] for every value of positive probability, in increasing order."""
    raise NotImplementedError
