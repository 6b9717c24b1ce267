"""Cases for dice-probability: the statement's examples shown; complements, conjunctions, loaded dice, both
directions of a conditional, a condition of probability 0, independence (including events that floats get wrong
and disjoint events), distributions with zero-weight faces, and bad input hidden."""

from gpu_runner.graders.case_texts import bilingual, raises_value_error
from gpu_runner.graders.code import Case, case_maker, with_hints

EXACT = {
    "en": "work with fractions.Fraction and return (numerator, denominator) in lowest terms",
    "zh": "用 fractions.Fraction 计算，返回最简形式的 (分子, 分母)",
}
WEIGHTS = {
    "en": "a list of weights is a loaded die: face i has probability w_i / sum(w), and a roll's probability is the "
    "product over the dice",
    "zh": "权重列表表示灌铅骰子：第 i 面的概率是 w_i / sum(w)；一次投掷结果的概率是各个骰子概率的乘积",
}
INDEPENDENT = {
    "en": "independent means P(A and B) == P(A) P(B) exactly; disjoint events with positive probabilities are "
    "never independent",
    "zh": "独立指 P(A 且 B) == P(A) P(B) 严格成立；概率都为正的互斥事件一定不独立",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); every
# bad-input case gets BAD_INPUT.
HINTS = {
    "at least one six": EXACT,
    "two conditions at once": EXACT,
    "a loaded die and a fair one": WEIGHTS,
    "dice with different numbers of faces": EXACT,
    "P(A | B) is not P(B | A)": {
        "en": "P(A | B) = P(A and B) / P(B): divide by the probability of the condition",
        "zh": "P(A | B) = P(A 且 B) / P(B)：除以条件事件的概率",
    },
    "a conditional with a loaded die": WEIGHTS,
    "a condition of probability 0": {
        "en": "P(A | B) is undefined when P(B) = 0",
        "zh": "P(B) = 0 时 P(A | B) 没有定义",
    },
    "sum 8 and first die 3": INDEPENDENT,
    "disjoint events": INDEPENDENT,
    "different dice are independent": INDEPENDENT,
    "exact arithmetic": {
        "en": "with floats, P(A) * P(B) and P(A and B) can differ in the last bit: compare exact fractions",
        "zh": "用浮点数时 P(A) * P(B) 与 P(A 且 B) 可能在最后一位上不同：要比较精确的分数",
    },
    "the maximum and the minimum": INDEPENDENT,
    "the sum of a d4, a d6 and a d8": EXACT,
    "the minimum of loaded dice": WEIGHTS,
    "faces of weight 0": {"en": "list only the values of positive probability", "zh": "只列出概率为正的取值"},
}
BAD_INPUT = {
    "en": "raise ValueError for an unknown statistic or operator, a die index out of range, or a die that is not "
    "a positive face count or a list of weights >= 0 with a positive sum",
    "zh": "未知的统计量或运算符、越界的骰子编号，或者既不是正的面数、也不是和为正的非负权重列表的骰子：都抛出 ValueError",
}


def _loaded(rng, faces=6):
    weights = [int(w) for w in rng.integers(1, 6, size=faces)]
    weights[int(rng.integers(0, faces))] += 4
    return weights


_probability = case_maker("probability")
_conditional = case_maker("conditional")
_independent = case_maker("independent")
_distribution = case_maker("distribution")


def _examples():
    # (builder, English name, Chinese name, args)
    rows = [
        (_probability, "example: two dice sum to 7", "示例：两个骰子点数之和为 7", ([6, 6], [["sum", "==", 7]])),
        (
            _conditional,
            "example: first die 3 given the sum is 8",
            "示例：已知点数和为 8，第一个骰子为 3",
            ([6, 6], [["die1", "==", 3]], [["sum", "==", 8]]),
        ),
        (
            _independent,
            "example: sum 7 and first die 3 are independent",
            "示例：点数和为 7 与第一个骰子为 3 相互独立",
            ([6, 6], [["sum", "==", 7]], [["die1", "==", 3]]),
        ),
        (
            _distribution,
            "example: the maximum of a loaded die and a d4",
            "示例：一个灌铅骰子和一个四面骰的最大值",
            ([[1, 1, 1, 1, 1, 5], 4], "max"),
        ),
    ]
    return [make(bilingual(en, zh), *args, visible=True) for make, en, zh, args in rows]


def _probabilities(rng):
    n = int(rng.integers(3, 6))
    loaded = _loaded(rng)
    total = int(rng.integers(6, 10))
    # (English name, Chinese name, dice, conditions), drawn in this order
    rows = [
        (f"at least one six in {n} dice", f"{n} 个骰子中至少有一个六", [6] * n, [["count6", ">=", 1]]),
        ("two conditions at once", "同时满足两个条件", [6, 6, 6], [["sum", ">=", int(rng.integers(9, 13))], ["distinct", "==", 3]]),
        ("a loaded die and a fair one", "一个灌铅骰子和一个普通骰子", [loaded, 6], [["sum", "==", total]]),
        ("dice with different numbers of faces", "面数不同的几个骰子", [4, 6, 8], [["max", "<=", int(rng.integers(4, 8))], ["min", ">", 1]]),
        ("no conditions: the certain event", "没有条件：必然事件", [6, 4], []),
    ]  # fmt: skip
    return [_probability(bilingual(en, zh), dice, conditions) for en, zh, dice, conditions in rows]


def _conditionals(rng):
    loaded = _loaded(rng)
    # (English name, Chinese name, dice, event, condition), drawn in this order
    rows = [
        ("P(A | B) is not P(B | A)", "P(A | B) 不等于 P(B | A)", [6, 6, 6], [["count6", ">=", 2]], [["sum", ">=", int(rng.integers(12, 15))]]),
        ("a conditional with a loaded die", "带灌铅骰子的条件概率", [loaded, loaded], [["die1", ">", 3]], [["sum", "<=", 8]]),
        ("a condition of probability 0 raises ValueError", "条件概率为 0 时抛出 ValueError", [6, 6], [["die1", "==", 1]], [["sum", ">", 12]]),
    ]  # fmt: skip
    return [_conditional(bilingual(en, zh), dice, a, b) for en, zh, dice, a, b in rows]


def _independence(rng):
    loaded = _loaded(rng)
    # (English name, Chinese name, dice, event A, event B), drawn in this order
    rows = [
        ("sum 8 and first die 3 are not independent", "点数和为 8 与第一个骰子为 3 不独立", [6, 6], [["sum", "==", 8]], [["die1", "==", 3]]),
        ("disjoint events are not independent", "互斥事件不独立", [6, 6], [["die1", "==", 1]], [["die1", "==", 2]]),
        ("different dice are independent, loaded or not", "不同的骰子相互独立，灌不灌铅都一样", [loaded, 6, 4], [["die1", ">=", int(rng.integers(2, 6))]], [["die3", "==", int(rng.integers(1, 5))]]),
        ("exact arithmetic: loaded dice", "精确计算：灌铅骰子", [[1, 2, 3, 4, 5, 6], [7, 1, 1, 1, 1, 1]], [["die1", "==", 1]], [["die2", "<=", 3]]),
        ("the maximum and the minimum are not independent", "最大值与最小值不独立", [6, 6, 6], [["max", "==", 6]], [["min", "==", 1]]),
    ]  # fmt: skip
    return [_independent(bilingual(en, zh), dice, a, b) for en, zh, dice, a, b in rows]


def _distributions(rng):
    # (English name, Chinese name, dice, statistic), drawn in this order
    rows = [
        ("the sum of a d4, a d6 and a d8", "四面骰、六面骰和八面骰的点数和", [4, 6, 8], "sum"),
        ("the number of distinct faces in four dice", "四个骰子中不同点数的个数", [6, 6, 6, 6], "distinct"),
        ("the minimum of loaded dice", "灌铅骰子的最小值", [_loaded(rng), _loaded(rng, 4)], "min"),
        ("faces of weight 0 never appear", "权重为 0 的面不会出现", [[0, 1, 1], [2, 0, 1]], "sum"),
        ("how many sixes in five dice", "五个骰子中六点的个数", [6] * 5, "count6"),
    ]
    return [_distribution(bilingual(en, zh), dice, statistic) for en, zh, dice, statistic in rows]


def _bad_input():
    bad = [
        ("an unknown statistic", "未知的统计量", "probability", ([6, 6], [["mean", ">", 3]])),
        ("an unknown operator", "未知的运算符", "probability", ([6, 6], [["sum", "=", 7]])),
        ("a die index out of range", "骰子编号越界", "distribution", ([6, 6], "die3")),
        ("a die with 0 faces", "面数为 0 的骰子", "probability", ([6, 0], [])),
        ("weights that sum to 0", "和为 0 的权重", "distribution", ([[0, 0, 0], 6], "sum")),
        ("a value that is not an integer", "不是整数的值", "probability", ([6, 6], [["sum", "==", 7.5]])),
        ("a count of face 0", "统计点数 0 的个数", "distribution", ([6, 6], "count0")),
        ("a negative weight", "负的权重", "independent", ([[2, -1, 3], 6], [["sum", "==", 5]], [["die1", "==", 1]])),
    ]
    return [Case(name=raises_value_error(en, zh), fn=fn, args=args, hint=BAD_INPUT) for en, zh, fn, args in bad]


def make_cases(rng):
    hidden = [*_probabilities(rng), *_conditionals(rng), *_independence(rng), *_distributions(rng)]
    return [*_examples(), *with_hints(hidden, HINTS), *_bad_input()]
