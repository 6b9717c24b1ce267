# Mistake: zip stops at the shorter list, so vectors of different lengths give a number instead of an error.
def dot(a, b):
    return sum(x * y for x, y in zip(a, b))
