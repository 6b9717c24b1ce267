def matmul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    """Return the matrix product a @ b as a list of rows; raise ValueError if the shapes do not fit."""
    rows, inner = len(a), len(a[0])
    if inner != len(b):
        raise ValueError(f"cannot multiply a {rows}x{inner} matrix by a {len(b)}x{len(b[0])} matrix")
    cols = len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]
