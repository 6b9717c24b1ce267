# Mistake: divides by the squared norms (forgets the square root).
def cosine_similarity(a, b):
    if len(a) != len(b):
        raise ValueError("different lengths")
    norm_a = sum(x * x for x in a)
    norm_b = sum(y * y for y in b)
    if norm_a == 0 or norm_b == 0:
        raise ValueError("zero vector")
    return sum(x * y for x, y in zip(a, b)) / (norm_a * norm_b)
