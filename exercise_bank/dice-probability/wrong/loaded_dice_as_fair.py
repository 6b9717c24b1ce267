# Mistake: treats a list of weights as a fair die with that many faces, as if every roll were
# equally likely.
import itertools
import operator
from fractions import Fraction

OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def probability(dice: list, event: list) -> tuple[int, int]:
    """P(event) as (numerator, denominator) in lowest terms."""
    return _pair(_probability(_space(dice), event, len(dice)))


def conditional(dice: list, event: list, given: list) -> tuple[int, int]:
    """P(event | given) = P(event and given) / P(given); ValueError when P(given) = 0."""
    space = _space(dice)
    p_given = _probability(space, given, len(dice))
    if p_given == 0:
        raise ValueError("the condition has probability 0")
    return _pair(_probability(space, [*event, *given], len(dice)) / p_given)


def independent(dice: list, a: list, b: list) -> bool:
    """True when P(a and b) == P(a) P(b), exactly."""
    space = _space(dice)
    n = len(dice)
    return _probability(space, [*a, *b], n) == _probability(space, a, n) * _probability(space, b, n)


def distribution(dice: list, statistic: str) -> list[tuple[int, int, int]]:
    """The pmf of a statistic of the roll: (value, numerator, denominator) for each value of positive probability."""
    read = _statistic(statistic, len(dice))
    pmf: dict[int, Fraction] = {}
    for roll, p in _space(dice):
        value = read(roll)
        pmf[value] = pmf.get(value, Fraction(0)) + p
    return [(value, *_pair(p)) for value, p in sorted(pmf.items()) if p > 0]


def _space(dice: list) -> list[tuple[tuple[int, ...], Fraction]]:
    """Every roll with its probability: the dice are independent, so a roll's probability is the product."""
    if not isinstance(dice, (list, tuple)) or not dice:
        raise ValueError("dice must be a non-empty list")
    faces = [_die(die) for die in dice]
    space = []
    for combination in itertools.product(*faces):
        p = Fraction(1)
        for _, q in combination:
            p *= q
        space.append((tuple(face for face, _ in combination), p))
    return space


def _die(die) -> list[tuple[int, Fraction]]:
    if isinstance(die, int) and not isinstance(die, bool):
        if die < 1:
            raise ValueError(f"a die needs at least one face, got {die}")
        return [(face, Fraction(1, die)) for face in range(1, die + 1)]
    if isinstance(die, (list, tuple)) and die and all(isinstance(w, int) and not isinstance(w, bool) for w in die):
        total = sum(die)
        if min(die) < 0 or total == 0:
            raise ValueError(f"weights must be >= 0 with a positive sum, got {die}")
        return [(face, Fraction(1, len(die))) for face in range(1, len(die) + 1)]
    raise ValueError(f"a die is a number of faces or a list of integer weights, got {die!r}")


def _probability(space, event: list, n_dice: int) -> Fraction:
    tests = [_condition(condition, n_dice) for condition in event]
    return sum((p for roll, p in space if all(test(roll) for test in tests)), Fraction(0))


def _condition(condition, n_dice: int):
    if not isinstance(condition, (list, tuple)) or len(condition) != 3:
        raise ValueError(f"a condition is [statistic, operator, value], got {condition!r}")
    statistic, op, value = condition
    if op not in OPERATORS:
        raise ValueError(f"unknown operator {op!r}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the value of a condition must be an integer, got {value!r}")
    read, compare = _statistic(statistic, n_dice), OPERATORS[op]
    return lambda roll: compare(read(roll), value)


def _statistic(name, n_dice: int):
    simple = {"sum": sum, "max": max, "min": min, "distinct": lambda roll: len(set(roll))}
    if name in simple:
        return simple[name]
    if isinstance(name, str) and name.startswith("die") and name[3:].isdigit():
        index = int(name[3:])
        if 1 <= index <= n_dice:
            return lambda roll: roll[index - 1]
    if isinstance(name, str) and name.startswith("count") and name[5:].isdigit():
        face = int(name[5:])
        if face >= 1:
            return lambda roll: roll.count(face)
    raise ValueError(f"unknown statistic {name!r}")


def _pair(p: Fraction) -> tuple[int, int]:
    return p.numerator, p.denominator
