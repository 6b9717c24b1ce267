import math


def cosine_similarity(a: list[float], b: list[float]) -> float:
    """Return the cosine of the angle between a and b; ValueError for a zero vector or different lengths."""
    if len(a) != len(b):
        raise ValueError(f"vectors have different lengths: {len(a)} and {len(b)}")
    norm_a = math.sqrt(sum(x * x for x in a))
    norm_b = math.sqrt(sum(y * y for y in b))
    if norm_a == 0.0 or norm_b == 0.0:
        raise ValueError("cosine similarity is not defined for a zero vector")
    return sum(x * y for x, y in zip(a, b)) / (norm_a * norm_b)
