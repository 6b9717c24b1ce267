import math


def cosine_similarity(a: list[float], b: list[float]) -> float:
    """Return the cosine of the angle between a and b; ValueError for a zero vector or different lengths."""
    if len(a) != len(b):
        raise ValueError(f"vectors have different lengths: {len(a)} and {len(b)}")
    squares_a = sum(x * x for x in a)
    squares_b = sum(y * y for y in b)
    if squares_a == 0.0 or squares_b == 0.0:
        raise ValueError("cosine similarity is not defined for a zero vector")
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(squares_a * squares_b)
