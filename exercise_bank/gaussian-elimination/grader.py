"""Cases for gaussian-elimination: the statement's examples shown; zero and tiny first pivots, ties, odd
permutations, a 40 x 40 matrix, singular matrices (one whose last pivot is round-off, not 0), a scaled matrix
that is not singular, and bad shapes hidden."""

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import Case

EXAMPLE = np.array([[2.0, 1.0, 1.0], [4.0, 3.0, 3.0], [8.0, 7.0, 9.0]])
HINT_PIVOT = {
    "en": "at step k, swap in the row (at or below k) whose entry in column k has the largest absolute value",
    "zh": "第 k 步时，把第 k 行及其下方各行中第 k 列绝对值最大的那一行换上来",
}
HINT_TIES = {
    "en": "when several rows share the largest |value|, take the first of them (the one with the smallest index)",
    "zh": "若有几行的绝对值同为最大，取其中的第一行（下标最小的那一行）",
}
HINT_SIGN = {
    "en": "every row swap flips the sign of the determinant",
    "zh": "每交换一次行，行列式就变号一次",
}
HINT_SINGULAR = {
    "en": "in floating point a zero pivot often comes out as 1e-16, not 0: compare |pivot| with 1e-12 times the "
    "largest |entry| of the matrix",
    "zh": "浮点运算中本应为 0 的主元常常算出 1e-16 而不是 0：要把 |主元| 与矩阵最大 |元素| 的 1e-12 倍比较",
}
HINT_RELATIVE = {
    "en": "the singularity test is relative to the size of the entries: a matrix times 1e-12 is just as invertible",
    "zh": "奇异性判断是相对于元素大小的：矩阵乘以 1e-12 之后照样可逆",
}
HINT_SHAPE = {
    "en": "only non-empty square 2-D matrices have a determinant and an inverse: raise ValueError otherwise",
    "zh": "只有非空的二维方阵才有行列式和逆矩阵：其他情况抛出 ValueError",
}


def _well_conditioned(rng, n, scale=1.0):
    # A random matrix plus a multiple of a random permutation matrix: well conditioned, yet the pivots move.
    return scale * (rng.normal(size=(n, n)) + 3.0 * np.eye(n)[rng.permutation(n)])


def _rank_deficient(rng, n):
    rows = rng.integers(-4, 5, size=(n - 1, n)).astype(np.float64)
    weights = rng.integers(1, 4, size=n - 1).astype(np.float64)
    extra = weights @ rows  # an integer combination of the other rows
    return rng.permutation(np.vstack([rows, extra]))


def _cases(rows, *, visible=False):
    """One case per row (English name, Chinese name, function, matrix, hint)."""
    return [Case(name=bilingual(en, zh), fn=fn, args=(a,), visible=visible, hint=hint) for en, zh, fn, a, hint in rows]


def _examples():
    return _cases(
        [
            ("example: LU factors", "示例：LU 分解", "lu_factor", EXAMPLE, ""),
            ("example: determinant", "示例：行列式", "determinant", EXAMPLE, ""),
            ("example: inverse", "示例：逆矩阵", "inverse", EXAMPLE, ""),
            (
                "example: a singular matrix raises ValueError",
                "示例：奇异矩阵抛出 ValueError",
                "inverse",
                np.array([[1.0, 2.0], [2.0, 4.0]]),
                "",
            ),
        ],
        visible=True,
    )


def _pivoting(rng):
    zero_first = _well_conditioned(rng, 4)
    zero_first[0, 0] = 0.0
    tiny_first = np.array([[1e-20, 1.0], [1.0, 1.0]])
    ties = np.array([[2.0, 1.0, 1.0], [-2.0, 3.0, 1.0], [2.0, 0.0, 5.0]])
    odd_permutation = np.eye(5)[[1, 0, 3, 4, 2]] * np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    return _cases(
        [
            ("a zero first pivot", "第一个主元为 0", "lu_factor", zero_first, HINT_PIVOT),
            (
                "a tiny first pivot: the inverse stays accurate",
                "第一个主元极小：逆矩阵仍然精确",
                "inverse",
                tiny_first,
                HINT_PIVOT,
            ),
            ("rows tied for the largest pivot", "几行并列最大主元", "lu_factor", ties, HINT_TIES),
            (
                "the determinant of an odd permutation matrix",
                "奇置换矩阵的行列式",
                "determinant",
                odd_permutation,
                HINT_SIGN,
            ),
        ]
    )


def _random(rng):
    rows = []
    for i, n in enumerate((int(rng.integers(3, 6)), int(rng.integers(6, 9)))):
        a = _well_conditioned(rng, n)
        for fn, zh in (("lu_factor", "LU 分解"), ("determinant", "行列式"), ("inverse", "逆矩阵")):
            hint = HINT_SIGN if fn == "determinant" else HINT_PIVOT
            rows.append((f"{fn}: random {n} x {n} matrix {i + 1}", f"{zh}：随机 {n} x {n} 矩阵 {i + 1}", fn, a, hint))
    big = _well_conditioned(rng, 40)
    rows += [
        ("determinant of a 40 x 40 matrix", "40 x 40 矩阵的行列式", "determinant", big, ""),
        ("inverse of a 40 x 40 matrix", "40 x 40 矩阵的逆", "inverse", big, ""),
        ("a 1 x 1 matrix", "1 x 1 矩阵", "inverse", np.array([[float(rng.uniform(1, 5))]]), ""),
    ]
    return _cases(rows)


def _singular(rng):
    return _cases(
        [
            (
                "singular: the last pivot is round-off, not 0",
                "奇异矩阵：最后一个主元是舍入误差而不是 0",
                "inverse",
                np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
                HINT_SINGULAR,
            ),
            (
                "singular: one row is a combination of the others",
                "奇异矩阵：一行是其他行的组合",
                "inverse",
                _rank_deficient(rng, 5),
                HINT_SINGULAR,
            ),
            (
                "the determinant of a singular matrix is (about) 0",
                "奇异矩阵的行列式（约）为 0",
                "determinant",
                _rank_deficient(rng, 4),
                "",
            ),
            ("the zero matrix is singular", "零矩阵是奇异矩阵", "inverse", np.zeros((3, 3)), ""),
            (
                "small entries are not singular",
                "元素很小并不等于奇异",
                "inverse",
                _well_conditioned(rng, 4, scale=1e-12),
                HINT_RELATIVE,
            ),
        ]
    )


def _bad_shapes(rng):
    return _cases(
        [
            (
                "a non-square matrix raises ValueError",
                "非方阵抛出 ValueError",
                "determinant",
                rng.normal(size=(2, 3)),
                HINT_SHAPE,
            ),
            ("a 1-D array raises ValueError", "一维数组抛出 ValueError", "lu_factor", rng.normal(size=4), HINT_SHAPE),
        ]
    )


def make_cases(rng):
    return [*_examples(), *_pivoting(rng), *_random(rng), *_singular(rng), *_bad_shapes(rng)]
