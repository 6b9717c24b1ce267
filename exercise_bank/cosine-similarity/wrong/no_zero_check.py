# Mistake: no check for the zero vector, so it divides by zero (ZeroDivisionError instead of ValueError).
import math


def cosine_similarity(a, b):
    if len(a) != len(b):
        raise ValueError("different lengths")
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))
