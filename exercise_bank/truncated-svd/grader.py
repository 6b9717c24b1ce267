"""Cases for truncated-svd: the statement's examples shown; tall, wide and square matrices, the sign rule, a
rank-deficient matrix, a term-document count matrix, energy 1, and bad k, energy and shapes hidden."""

import numpy as np

from gpu_runner.graders.case_texts import bilingual, raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE = np.array([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]])
ECKART_YOUNG = {
    "en": "Eckart-Young: the Frobenius error is sqrt(sum of the dropped s_i^2); the spectral error is s_(k+1), "
    "the largest dropped one (0 when nothing is dropped)",
    "zh": "Eckart-Young 定理：Frobenius 误差是 sqrt(被丢掉的 s_i^2 之和)；谱范数误差是 s_(k+1)，即被丢掉的最大奇异值"
    "（什么都没丢时为 0）",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "factors of a term-document count matrix": {
        "en": "keep the k largest singular values, in decreasing order, with their own vectors",
        "zh": "保留最大的 k 个奇异值（从大到小）以及各自对应的奇异向量",
    },
    "factors of": {
        "en": "flip each pair (u_i, v_i) together so that the entry of v_i with the largest |value| is positive",
        "zh": "把每一对 (u_i, v_i) 一起翻转符号，使 v_i 中绝对值最大的元素为正",
    },
    "rank-1 approximation": ECKART_YOUNG,
    "rank-3 approximation": ECKART_YOUNG,
    "keeping every component": ECKART_YOUNG,
    "a rank-2 matrix is its own": ECKART_YOUNG,
    "rank for a share of the energy": {
        "en": "energy is measured with squared singular values: sum(s[:k]**2) / sum(s**2) >= energy",
        "zh": "能量按奇异值的平方计算：sum(s[:k]**2) / sum(s**2) >= energy",
    },
    "all the energy of a rank-3 matrix": {
        "en": "allow for round-off: the cumulative share may reach 0.9999999999999998, not 1",
        "zh": "要考虑舍入误差：累计比例可能只到 0.9999999999999998 而不是 1",
    },
}


_factors = case_maker("truncated_svd")
_approximation = case_maker("low_rank_approximation")
_energy = case_maker("rank_for_energy")


def _spread(rng, m, n, decay=0.7):
    """A random m x n matrix with distinct, decaying singular values (so every vector is unique up to sign)."""
    r = min(m, n)
    q1, _ = np.linalg.qr(rng.normal(size=(m, r)))
    q2, _ = np.linalg.qr(rng.normal(size=(n, r)))
    s = 10.0 * decay ** np.arange(r) * rng.uniform(0.9, 1.0, size=r)
    return (q1 * s) @ q2.T


def _rank(rng, m, n, r):
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


def _examples():
    return [
        _factors(bilingual("example: rank-1 factors", "示例：秩 1 的因子"), EXAMPLE, 1, visible=True),
        _approximation(
            bilingual("example: rank-1 approximation and its errors", "示例：秩 1 近似及其误差"),
            EXAMPLE,
            1,
            visible=True,
        ),
        _energy(
            bilingual("example: rank for half the energy", "示例：保留一半能量所需的秩"), EXAMPLE, 0.5, visible=True
        ),
    ]


def _factor_cases(rng):
    cases = [
        _factors(bilingual(f"factors of {en}", f"{zh}的因子"), _spread(rng, *shape), k)
        for en, zh, shape, k in (
            ("a tall matrix", "高矩阵", (9, 5), 3),
            ("a wide matrix", "宽矩阵", (4, 8), 2),
            ("a square matrix, every component", "方阵，全部分量", (5, 5), 5),
            ("another tall matrix", "另一个高矩阵", (12, 6), 4),
        )
    ]
    counts = rng.poisson(np.outer(rng.uniform(0.5, 3.0, size=10), rng.uniform(0.2, 2.0, size=7))).astype(float)
    counts += np.eye(10, 7) * 3.0  # keep the singular values apart
    cases.append(_factors(bilingual("factors of a term-document count matrix", "词-文档计数矩阵的因子"), counts, 2))
    return cases


def _approximations(rng):
    deficient = _rank(rng, 7, 6, 2)
    # (English name, Chinese name, matrix, k), drawn in this order
    rows = [
        *(
            (f"rank-{k} approximation of a random matrix", f"随机矩阵的秩 {k} 近似", _spread(rng, 8, 6), k)
            for k in (1, 3)
        ),
        ("keeping every component: the error is 0", "保留全部分量：误差为 0", _spread(rng, 4, 6), 4),
        ("a rank-2 matrix is its own rank-2 approximation", "秩为 2 的矩阵就是它自己的秩 2 近似", deficient, 2),
        ("rank-1 approximation of a rank-2 matrix", "秩 2 矩阵的秩 1 近似", deficient, 1),
    ]
    return [_approximation(bilingual(en, zh), a, k) for en, zh, a, k in rows]


def _energies(rng):
    cases = [
        _energy(
            bilingual(f"rank for a share of the energy {i + 1}", f"保留一定比例能量所需的秩 {i + 1}"),
            _spread(rng, 10, 8, decay=0.8),
            energy,
        )
        for i, energy in enumerate((float(rng.uniform(0.6, 0.8)), float(rng.uniform(0.9, 0.97))))
    ]
    return [
        *cases,
        _energy(
            bilingual("all the energy of a rank-3 matrix takes 3 components", "秩 3 矩阵的全部能量需要 3 个分量"),
            _rank(rng, 8, 7, 3),
            1.0,
        ),
        _energy(
            bilingual("all the energy of a full-rank 40 x 30 matrix", "满秩 40 x 30 矩阵的全部能量"),
            rng.normal(size=(40, 30)),
            1.0,
        ),
    ]


def _bad_input(rng):
    a = _spread(rng, 4, 3)
    return [
        _factors(bilingual("k = 0 raises ValueError", "k = 0 抛出 ValueError"), a, 0),
        _approximation(raises_value_error("k larger than min(m, n)", "k 大于 min(m, n) "), a, 4),
        _energy(raises_value_error("energy 0", "energy 为 0 "), a, 0.0),
        _energy(raises_value_error("energy above 1", "energy 大于 1 "), a, 1.5),
        _factors(bilingual("a 1-D array raises ValueError", "一维数组抛出 ValueError"), rng.normal(size=5), 1),
    ]


def make_cases(rng):
    cases = [*_examples(), *_factor_cases(rng), *_approximations(rng), *_energies(rng), *_bad_input(rng)]
    return with_hints(cases, HINTS)
