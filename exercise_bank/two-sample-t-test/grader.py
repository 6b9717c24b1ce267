"""Cases for two-sample-t-test: the statement's examples shown; unequal sizes and variances, one-sided
alternatives, a tiny p-value and bad input hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

A = np.array([5.1, 4.9, 5.6, 5.8, 6.0, 5.5])
B = np.array([4.8, 4.5, 5.0, 4.7, 5.2])
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "Welch, unequal sizes and spreads": {
        "en": "Welch: se^2 = s_a^2/n_a + s_b^2/n_b with ddof=1 variances, df = se^4 / ((s_a^2/n_a)^2/(n_a-1) + (s_b^2/n_b)^2/(n_b-1))",
        "zh": "Welch：se^2 = s_a^2/n_a + s_b^2/n_b（方差用 ddof=1），df = se^4 / ((s_a^2/n_a)^2/(n_a-1) + (s_b^2/n_b)^2/(n_b-1))",
    },
    "pooled, unequal sizes": {
        "en": "pooled: s_p^2 = ((n_a-1) s_a^2 + (n_b-1) s_b^2) / (n_a + n_b - 2), df = n_a + n_b - 2",
        "zh": "合并方差：s_p^2 = ((n_a-1) s_a^2 + (n_b-1) s_b^2) / (n_a + n_b - 2)，df = n_a + n_b - 2",
    },
    "alternative=": {
        "en": "'greater' tests mean(a) > mean(b): p = P(T >= t); 'less': p = P(T <= t); two-sided doubles the smaller tail",
        "zh": "'greater' 检验 mean(a) > mean(b)：p = P(T >= t)；'less'：p = P(T <= t)；双侧取较小的尾部概率再乘 2",
    },
    "a large difference": {
        "en": "compute p with student_t_sf, which stays accurate far in the tail",
        "zh": "用 student_t_sf 计算 p，它在远尾部也保持精确",
    },
    "a sample of one value": {
        "en": "each sample needs at least two values for its variance",
        "zh": "每个样本至少要有两个值才能估计方差",
    },
    "two constant samples": {"en": "a standard error of 0 leaves t undefined", "zh": "标准误为 0 时 t 没有定义"},
}

_case = case_maker("t_test")
_tail_case = case_maker("t_test", rtol=1e-6, atol=0.0)


def _samples(rng, na, nb, shift, scale_b):
    return rng.normal(10.0, 2.0, size=na), rng.normal(10.0 + shift, 2.0 * scale_b, size=nb)


def make_cases(rng):
    cases = [
        _case({"en": "example: Welch", "zh": "示例：Welch"}, A, B, visible=True),
        _case({"en": "example: pooled variance", "zh": "示例：合并方差"}, A, B, equal_var=True, visible=True),
        _case({"en": "example: one-sided, a greater than b", "zh": "示例：单侧，a 大于 b"}, A, B, alternative="greater", visible=True),
    ]  # fmt: skip
    for i in range(2):
        na, nb = int(rng.integers(5, 15)), int(rng.integers(20, 60))
        name = {"en": f"Welch, unequal sizes and spreads {i + 1}", "zh": f"Welch，样本量与离散程度都不同 {i + 1}"}
        samples = _samples(rng, na, nb, float(rng.uniform(-1.5, 1.5)), float(rng.uniform(2.0, 4.0)))
        cases.append(_case(name, *samples))
    na, nb = int(rng.integers(4, 10)), int(rng.integers(15, 40))
    samples = _samples(rng, na, nb, float(rng.uniform(-1.0, 1.0)), float(rng.uniform(1.5, 3.0)))
    cases.append(_case({"en": "pooled, unequal sizes", "zh": "合并方差，样本量不同"}, *samples, equal_var=True))
    for alternative in ("less", "greater"):
        for equal_var in (False, True):
            name = {
                "en": f"alternative={alternative}, equal_var={equal_var}",
                "zh": f"alternative={alternative}，equal_var={equal_var}",
            }
            samples = _samples(
                rng, int(rng.integers(6, 25)), int(rng.integers(6, 25)), float(rng.uniform(-1.0, 1.0)), 1.3
            )
            cases.append(_case(name, *samples, equal_var=equal_var, alternative=alternative))
    name = {"en": "a large difference: a tiny p-value", "zh": "差异很大：p 值极小"}
    cases.append(_tail_case(name, *_samples(rng, 30, 30, 6.0, 1.0)))
    name = raises_value_error("a sample of one value", "样本只有一个值")
    cases.append(_case(name, np.array([3.0]), B))
    name = {"en": "two constant samples raise ValueError", "zh": "两个样本都是常数时抛出 ValueError"}
    cases.append(_case(name, np.full(5, 2.0), np.full(4, 3.0)))
    name = {"en": "an unknown alternative raises ValueError", "zh": "未知的 alternative 抛出 ValueError"}
    cases.append(_case(name, A, B, alternative="bigger"))
    return with_hints(cases, HINTS)
