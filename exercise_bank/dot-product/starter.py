def dot(a: list[float], b: list[float]) -> float:
    """Return the dot product of a and b; raise ValueError if their lengths differ."""
    raise NotImplementedError
