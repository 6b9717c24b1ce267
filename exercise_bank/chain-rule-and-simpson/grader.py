"""Cases for chain-rule-and-simpson: the statement's examples shown; each differentiation rule, nested chains, a
slope that finite differences cannot resolve, undefined points, Simpson on cubics (exact), reversed and empty
intervals, random expressions and bad input hidden.

Random expressions are built so that they are defined everywhere: log and sqrt take 1 + g^2, divisors are
2 + sin(h), exp takes sin(g) and fractional powers take a positive base.
"""

import math

from gpu_runner.graders.case_texts import bilingual, raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

GAUSS = ["exp", ["neg", ["div", ["pow", "x", 2], 2]]]
CHAIN = {
    "en": "chain rule: the slope of outer(inner(x)) is outer'(inner(x)) times the slope of inner at x",
    "zh": "链式法则：outer(inner(x)) 的斜率等于 outer'(inner(x)) 乘以 inner 在 x 处的斜率",
}
UNDEFINED = {
    "en": "raise ValueError where the expression or its derivative is undefined (log or sqrt of a value <= 0, a zero "
    "divisor, a negative base to a fractional power, 0 to a power below 1)",
    "zh": "表达式或其导数没有定义时抛出 ValueError（对 <= 0 的值取 log 或 sqrt、除数为 0、负数的非整数次幂、0 的小于 1 次幂）",
}
SIMPSON = {
    "en": "Simpson weights h/3 * (1, 4, 2, 4, ..., 2, 4, 1): 4 at the odd points, 2 at the inner even ones",
    "zh": "Simpson 权重为 h/3 * (1, 4, 2, 4, ..., 2, 4, 1)：奇数点为 4，内部的偶数点为 2",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); every
# point where the expression is undefined gets UNDEFINED.
HINTS = {
    "a chain of three functions": CHAIN,
    "exp of a product": CHAIN,
    "product rule": {"en": "product rule: (u v)' = u' v + u v'", "zh": "乘积法则：(u v)' = u' v + u v'"},
    "quotient rule": {
        "en": "quotient rule: (u / v)' = (u' v - u v') / v^2",
        "zh": "商法则：(u / v)' = (u' v - u v') / v^2",
    },
    "log of a sum": CHAIN,
    "sqrt of a sum": CHAIN,
    "a negative fractional power": {"en": "power rule: (g^c)' = c g^(c-1) g'", "zh": "幂法则：(g^c)' = c g^(c-1) g'"},
    "subtraction and negation": CHAIN,
    "a tiny slope on a large value": {
        "en": "compute the slope from the rules, not as (f(x + h) - f(x - h)) / 2h: round-off in f = 1e8 swamps "
        "a change of 1e-6",
        "zh": "要用求导法则算斜率，而不是 (f(x + h) - f(x - h)) / 2h：f = 1e8 的舍入误差会淹没 1e-6 的变化",
    },
    "a random expression, n =": SIMPSON,
    "a random expression": CHAIN,
    "Simpson is exact for a cubic": SIMPSON,
    "sin from 0 to pi": SIMPSON,
    "reversed limits": {"en": "with a > b, h = (b - a) / n is negative", "zh": "a > b 时 h = (b - a) / n 为负"},
    "an odd n": {
        "en": "Simpson pairs the subintervals: n must be even",
        "zh": "Simpson 法把子区间两两配对：n 必须是偶数",
    },
    "an integrand undefined on the interval": UNDEFINED,
}


def _leaf(rng):
    return "x" if rng.random() < 0.7 else round(float(rng.uniform(0.5, 3.0)), 2)


def _expr(rng, depth):
    """A random expression defined for every real x."""
    if depth == 0:
        return _leaf(rng)
    g, h = _expr(rng, depth - 1), _expr(rng, int(rng.integers(0, depth)))
    builders = (
        lambda: ["add", g, h],
        lambda: ["sub", g, h],
        lambda: ["mul", g, h],
        lambda: ["div", g, ["add", 2, ["sin", h]]],
        lambda: ["sin", g],
        lambda: ["cos", g],
        lambda: ["neg", g],
        lambda: ["exp", ["sin", g]],
        lambda: ["log", ["add", 1, ["pow", g, 2]]],
        lambda: ["sqrt", ["add", 1, ["pow", g, 2]]],
        lambda: ["pow", g, int(rng.integers(2, 4))],
        lambda: ["pow", ["add", 1.5, ["cos", g]], float(rng.choice([0.5, -1.0, -1.5, 2.5]))],
    )
    return builders[int(rng.integers(0, len(builders)))]()


def _x(rng):
    return round(float(rng.uniform(-2.0, 2.0)), 3)


_derivative = case_maker("derivative")
_integral = case_maker("integrate")


def _examples():
    return [
        _derivative(
            bilingual("example: sin(x^2) at 1.5", "示例：sin(x^2) 在 1.5 处"),
            ["sin", ["pow", "x", 2]],
            1.5,
            visible=True,
        ),
        _derivative(
            bilingual("example: exp(x) / (1 + x^2) at 0.5", "示例：exp(x) / (1 + x^2) 在 0.5 处"),
            ["div", ["exp", "x"], ["add", 1, ["pow", "x", 2]]],
            0.5,
            visible=True,
        ),
        _derivative(
            bilingual("example: log(x) at -1 raises ValueError", "示例：log(x) 在 -1 处抛出 ValueError"),
            ["log", "x"],
            -1.0,
            visible=True,
        ),
        _integral(
            bilingual("example: Simpson, exp(-x^2/2) from -1 to 1", "示例：Simpson，exp(-x^2/2) 从 -1 到 1"),
            GAUSS,
            -1.0,
            1.0,
            10,
            visible=True,
        ),
    ]


def _rules(rng):
    x = _x(rng)
    c = round(float(rng.uniform(1.0, 3.0)), 2)
    # (English name, Chinese name, expression), each differentiated at x
    rules = [
        ("a chain of three functions", "三层复合函数", ["sin", ["cos", ["mul", c, ["pow", "x", 2]]]]),
        ("exp of a product", "乘积的指数", ["exp", ["mul", ["sin", "x"], ["cos", "x"]]]),
        ("product rule", "乘积法则", ["mul", ["pow", "x", 3], ["sin", ["mul", c, "x"]]]),
        ("quotient rule", "商法则", ["div", ["sin", "x"], ["add", c, ["cos", "x"]]]),
        ("log of a sum", "和的对数", ["log", ["add", c, ["pow", "x", 2]]]),
        ("sqrt of a sum", "和的平方根", ["sqrt", ["add", ["pow", "x", 4], c]]),
        ("a negative fractional power", "负的分数次幂", ["pow", ["add", 2, ["sin", "x"]], -1.5]),
        ("subtraction and negation", "减法与取负", ["sub", ["neg", ["exp", "x"]], ["mul", c, "x"]]),
        ("a constant expression has slope 0", "常数表达式的斜率为 0", ["mul", c, ["add", 2, 4]]),
        ("tuples work like lists", "元组与列表一样可用", ("mul", "x", ("exp", ("neg", "x")))),
    ]
    cases = [_derivative(bilingual(en, zh), expr, x) for en, zh, expr in rules]
    cases.append(
        _derivative(
            bilingual("a tiny slope on a large value", "很大的函数值上的微小斜率"),
            ["add", 1e8, ["pow", "x", 2]],
            1e-3,
        )
    )
    for i in range(3):
        cases.append(
            _derivative(
                bilingual(f"a random expression {i + 1}", f"随机表达式 {i + 1}"),
                _expr(rng, 3),
                _x(rng),
            )
        )
    return cases


def _undefined(rng):
    shift = round(float(rng.uniform(1.0, 3.0)), 2)
    undefined = [
        ("log of a negative value", "对负数取对数", ["log", ["sub", "x", shift]], shift - 1.0),
        ("sqrt at 0", "在 0 处取平方根", ["sqrt", ["sub", "x", shift]], shift),
        ("division by zero", "除以零", ["div", 1, ["sub", "x", shift]], shift),
        ("a negative base to the power 0.5", "负数的 0.5 次幂", ["pow", ["sub", "x", shift], 0.5], shift - 1.0),
        ("an unknown operation", "未知的运算", ["tan", "x"], 0.5),
        ("an unknown variable", "未知的变量", ["add", "x", "y"], 0.5),
    ]
    return [_derivative(raises_value_error(en, zh), e, x, hint=UNDEFINED) for en, zh, e, x in undefined]


def _integrals(rng):
    a3, a2, a1, a0 = (round(float(v), 2) for v in rng.uniform(-2.0, 2.0, size=4))
    cubic = ["add", ["add", ["mul", a3, ["pow", "x", 3]], ["mul", a2, ["pow", "x", 2]]], ["add", ["mul", a1, "x"], a0]]
    lo, hi = sorted(round(float(v), 2) for v in rng.uniform(-3.0, 3.0, size=2))
    cases = [
        _integral(
            bilingual("Simpson is exact for a cubic, even with n = 2", "Simpson 对三次多项式是精确的，n = 2 也一样"),
            cubic,
            lo,
            hi,
            2,
        ),
        _integral(
            bilingual("sin from 0 to pi with n = 4", "sin 从 0 到 pi，n = 4"),
            ["sin", "x"],
            0.0,
            math.pi,
            4,
        ),
        _integral(
            bilingual("reversed limits give the negative", "上下限颠倒时结果取负"),
            GAUSS,
            1.0,
            -0.5,
            8,
        ),
        _integral(bilingual("an empty interval gives 0", "空区间的积分为 0"), GAUSS, 0.7, 0.7, 6),
    ]
    for _ in range(2):
        n = 2 * int(rng.integers(5, 60))
        cases.append(
            _integral(
                bilingual(f"a random expression, n = {n}", f"随机表达式，n = {n}"),
                _expr(rng, 3),
                lo,
                hi,
                n,
            )
        )
    return [
        *cases,
        _integral(
            raises_value_error("an odd n", "n 为奇数"),
            GAUSS,
            0.0,
            1.0,
            7,
        ),
        _integral(raises_value_error("n = 0", "n = 0 "), GAUSS, 0.0, 1.0, 0),
        _integral(
            raises_value_error("an integrand undefined on the interval", "被积函数在区间上无定义"),
            ["log", "x"],
            -1.0,
            1.0,
            4,
        ),
    ]


def make_cases(rng):
    return with_hints([*_examples(), *_rules(rng), *_undefined(rng), *_integrals(rng)], HINTS)
