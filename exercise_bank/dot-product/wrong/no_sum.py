# Mistake: returns the list of products and forgets to add them up.
def dot(a, b):
    if len(a) != len(b):
        raise ValueError("different lengths")
    return [x * y for x, y in zip(a, b)]
