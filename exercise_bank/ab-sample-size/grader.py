"""Cases for ab-sample-size: the statement's examples shown; random baselines and lifts, both
alternatives, a decrease instead of an increase, power at random sizes and bad input hidden."""

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, with_hints

HINT_N = {
    "en": "n = (z_a * sqrt(2 p(1-p)) + z_b * sqrt(p1(1-p1) + p2(1-p2)))^2 / (p1 - p2)^2 with p = (p1 + p2) / 2, rounded UP",
    "zh": "n = (z_a * sqrt(2 p(1-p)) + z_b * sqrt(p1(1-p1) + p2(1-p2)))^2 / (p1 - p2)^2，其中 p = (p1 + p2) / 2，向上取整",
}
HINT_Z = {
    "en": "two-sided: z_a = z(1 - alpha/2); one-sided: z_a = z(1 - alpha); z_b = z(power)",
    "zh": "双侧：z_a = z(1 - alpha/2)；单侧：z_a = z(1 - alpha)；z_b = z(power)",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the
# random tests get HINT_N when two-sided and HINT_Z when one-sided.
HINTS = {
    "a decrease needs the same n": {
        "en": "only (p1 - p2)^2 and the variances enter: the direction does not matter",
        "zh": "公式里只有 (p1 - p2)^2 和方差：方向无关紧要",
    },
    "power, random size": {
        "en": "solve the same formula for z_b and return Phi(z_b)",
        "zh": "把同一个公式解出 z_b，再返回 Phi(z_b)",
    },
    "equal rates": {"en": "with p1 == p2 there is no effect to detect", "zh": "p1 == p2 时没有可检测的效应"},
    "a rate of 0": {"en": "rates must be strictly between 0 and 1", "zh": "比例必须严格介于 0 和 1 之间"},
    "power = 1": {"en": "no finite sample reaches power 1", "zh": "任何有限样本都达不到功效 1"},
    "n = 0": {"en": "n must be a positive integer", "zh": "n 必须是正整数"},
}


_size = case_maker("sample_size_per_arm")
_power = case_maker("power_two_proportions")


def _rates(rng):
    p1 = float(rng.uniform(0.02, 0.5))
    lift = float(rng.uniform(0.05, 0.3)) * (1 if rng.random() < 0.7 else -1)
    return round(p1, 4), round(p1 * (1 + lift), 4)


# (builder, English name, Chinese name, args, keyword arguments)
BAD_INPUT = [
    (_size, "equal rates raise ValueError", "两个比例相等时抛出 ValueError", (0.3, 0.3), {}),
    (_size, "a rate of 0 raises ValueError", "比例为 0 时抛出 ValueError", (0.0, 0.05), {}),
    (_size, "power = 1 raises ValueError", "power = 1 时抛出 ValueError", (0.1, 0.2), {"power": 1.0}),
    (_power, "n = 0 raises ValueError", "n = 0 时抛出 ValueError", (0.1, 0.2, 0), {}),
]


def make_cases(rng):
    cases = [
        _size(bilingual("example: 10 % -> 12 %", "示例：10% -> 12%"), 0.10, 0.12, visible=True),
        _size(bilingual("example: one-sided", "示例：单侧"), 0.10, 0.12, alternative="one-sided", visible=True),
        _size(
            bilingual("example: alpha 0.01, power 0.9", "示例：alpha 0.01，power 0.9"),
            0.20,
            0.25,
            alpha=0.01,
            power=0.9,
            visible=True,
        ),
        _power(
            bilingual("example: power with 1000 users per arm", "示例：每组 1000 人时的功效"),
            0.10,
            0.12,
            1000,
            visible=True,
        ),
    ]
    for i in range(5):
        p1, p2 = _rates(rng)
        alternative = "two-sided" if i % 2 == 0 else "one-sided"
        cases.append(
            _size(
                bilingual(
                    f"random test {i + 1}: {p1} -> {p2}, {alternative}",
                    f"随机检验 {i + 1}：{p1} -> {p2}，{alternative}",
                ),
                p1,
                p2,
                alpha=float(rng.choice([0.01, 0.05, 0.1])),
                power=float(rng.choice([0.8, 0.9, 0.95])),
                alternative=alternative,
                hint=HINT_N if i % 2 == 0 else HINT_Z,
            )
        )
    p1, p2 = _rates(rng)
    cases.append(
        _size(
            bilingual("a decrease needs the same n as the mirrored increase", "下降所需的 n 与对称的上升相同"),
            p2,
            p1,
        )
    )
    for i in range(3):
        p1, p2 = _rates(rng)
        cases.append(
            _power(
                bilingual(f"power, random size {i + 1}", f"检验功效，随机样本量 {i + 1}"),
                p1,
                p2,
                int(rng.integers(200, 20000)),
                alpha=float(rng.choice([0.01, 0.05])),
                alternative="two-sided" if i else "one-sided",
            )
        )
    cases += [make(bilingual(en, zh), *args, **kwargs) for make, en, zh, args, kwargs in BAD_INPUT]
    return with_hints(cases, HINTS)
