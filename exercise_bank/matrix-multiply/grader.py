"""Cases for matrix-multiply: the statement's examples shown; non-square, outer products and mismatches hidden."""

from gpu_runner.graders.code import case_maker

MISMATCH = {
    "en": "compare the number of columns of a with the number of rows of b",
    "zh": "比较 a 的列数和 b 的行数",
}
RESULT_SHAPE = {
    "en": "the result has as many rows as a and as many columns as b",
    "zh": "结果的行数等于 a 的行数，列数等于 b 的列数",
}
SHOWN = {"visible": True}

_case = case_maker("matmul")


def _matrix(rng, rows, cols):
    return [[float(v) for v in row] for row in rng.uniform(-5.0, 5.0, size=(rows, cols))]


def make_cases(rng):
    square = _matrix(rng, 3, 3)
    identity = [[1.0 if i == j else 0.0 for j in range(3)] for i in range(3)]
    # (name, (a, b), options)
    rows = [
        ({"en": "example: 2x2 times 2x2", "zh": "示例：2x2 乘 2x2"}, ([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]), SHOWN),
        ({"en": "example: row times column", "zh": "示例：行向量乘列向量"}, ([[1.0, 2.0, 3.0]], [[1.0], [1.0], [1.0]]), SHOWN),
        ({"en": "example: shapes that do not fit raise ValueError", "zh": "示例：形状不匹配时抛出 ValueError"}, ([[1.0, 2.0]], [[1.0, 2.0]]), SHOWN),
        ({"en": "2x3 times 2x3 raises ValueError", "zh": "2x3 乘 2x3 抛出 ValueError"}, (_matrix(rng, 2, 3), _matrix(rng, 2, 3)), {"hint": MISMATCH}),
        ({"en": "column times row (outer product)", "zh": "列向量乘行向量（外积）"}, (_matrix(rng, 4, 1), _matrix(rng, 1, 3)), {}),
        ({"en": "1x1 times 1x1", "zh": "1x1 乘 1x1"}, ([[3.0]], [[-2.5]]), {}),
        ({"en": "identity times a matrix", "zh": "单位矩阵乘一个矩阵"}, (identity, square), {}),
        ({"en": "non-square: 2x4 times 4x3", "zh": "非方阵：2x4 乘 4x3"}, (_matrix(rng, 2, 4), _matrix(rng, 4, 3)), {"hint": RESULT_SHAPE}),
    ]  # fmt: skip
    cases = [_case(name, *args, **options) for name, args, options in rows]
    for i in range(3):
        m, n, p = (int(v) for v in rng.integers(1, 8, size=3))
        name = {"en": f"random {m}x{n} times {n}x{p}", "zh": f"随机 {m}x{n} 乘 {n}x{p}"}
        cases.append(_case(name, _matrix(rng, m, n), _matrix(rng, n, p)))
    return cases
