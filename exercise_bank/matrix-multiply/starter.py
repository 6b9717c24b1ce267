def matmul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    """Return the matrix product a @ b as a list of rows; raise ValueError if the shapes do not fit."""
    raise NotImplementedError
