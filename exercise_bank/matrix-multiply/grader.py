"""Cases for matrix-multiply: the statement's examples shown; non-square, outer products and mismatches hidden."""

from gpu_runner.graders.code import Case


def _matrix(rng, rows, cols):
    return [[float(v) for v in row] for row in rng.uniform(-5.0, 5.0, size=(rows, cols))]


def make_cases(rng):
    square = _matrix(rng, 3, 3)
    identity = [[1.0 if i == j else 0.0 for j in range(3)] for i in range(3)]
    cases = [
        Case(
            name="example: 2x2 times 2x2",
            fn="matmul",
            args=([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]),
            visible=True,
        ),
        Case(name="example: row times column", fn="matmul", args=([[1.0, 2.0, 3.0]], [[1.0], [1.0], [1.0]]), visible=True),
        Case(
            name="example: shapes that do not fit raise ValueError",
            fn="matmul",
            args=([[1.0, 2.0]], [[1.0, 2.0]]),
            visible=True,
        ),
        Case(
            name="2x3 times 2x3 raises ValueError",
            fn="matmul",
            args=(_matrix(rng, 2, 3), _matrix(rng, 2, 3)),
            hint="compare the number of columns of a with the number of rows of b",
        ),
        Case(name="column times row (outer product)", fn="matmul", args=(_matrix(rng, 4, 1), _matrix(rng, 1, 3))),
        Case(name="1x1 times 1x1", fn="matmul", args=([[3.0]], [[-2.5]])),
        Case(name="identity times a matrix", fn="matmul", args=(identity, square)),
        Case(
            name="non-square: 2x4 times 4x3",
            fn="matmul",
            args=(_matrix(rng, 2, 4), _matrix(rng, 4, 3)),
            hint="the result has as many rows as a and as many columns as b",
        ),
    ]
    for i in range(3):
        m, n, p = (int(v) for v in rng.integers(1, 8, size=3))
        cases.append(Case(name=f"random {m}x{n} times {n}x{p}", fn="matmul", args=(_matrix(rng, m, n), _matrix(rng, n, p))))
    return cases
