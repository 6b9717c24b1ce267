def dot(a: list[float], b: list[float]) -> float:
    """Return the dot product of a and b; raise ValueError if their lengths differ."""
    if len(a) != len(b):
        raise ValueError(f"vectors have different lengths: {len(a)} and {len(b)}")
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total
