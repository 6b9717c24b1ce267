def cosine_similarity(a: list[float], b: list[float]) -> float:
    """Return the cosine of the angle between a and b; ValueError for a zero vector or different lengths."""
    raise NotImplementedError
