# Mistake: multiplies a by itself (a typo: a[i] * a[i]) instead of by b.
def dot(a, b):
    if len(a) != len(b):
        raise ValueError("different lengths")
    return sum(a[i] * a[i] for i in range(len(a)))
