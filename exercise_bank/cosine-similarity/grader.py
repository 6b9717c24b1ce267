"""Cases for cosine-similarity: the statement's examples shown; scaled, opposite and zero vectors hidden."""

from gpu_runner.graders.code import Case


def _vector(rng, n):
    return [float(v) for v in rng.uniform(-5.0, 5.0, size=n)]


def make_cases(rng):
    v = _vector(rng, 6)
    factor = float(rng.uniform(0.5, 20.0))
    cases = [
        Case(name="example: orthogonal vectors", fn="cosine_similarity", args=([1.0, 0.0], [0.0, 1.0]), visible=True),
        Case(name="example: same direction", fn="cosine_similarity", args=([1.0, 2.0], [2.0, 4.0]), visible=True),
        Case(
            name="example: zero vector raises ValueError",
            fn="cosine_similarity",
            args=([0.0, 0.0], [1.0, 2.0]),
            visible=True,
        ),
        Case(
            name="zero second vector raises ValueError",
            fn="cosine_similarity",
            args=(_vector(rng, 4), [0.0, 0.0, 0.0, 0.0]),
            hint="check both norms before dividing",
        ),
        Case(
            name="different lengths raise ValueError",
            fn="cosine_similarity",
            args=(_vector(rng, 3), _vector(rng, 4)),
            hint="check len(a) == len(b) first",
        ),
        Case(name="a scaled copy gives 1", fn="cosine_similarity", args=(v, [factor * x for x in v])),
        Case(name="the opposite vector gives -1", fn="cosine_similarity", args=(v, [-factor * x for x in v])),
        Case(name="one-entry vectors", fn="cosine_similarity", args=([-3.0], [0.5])),
    ]
    for i in range(4):
        n = int(rng.integers(2, 30))
        cases.append(
            Case(name=f"random vectors {i + 1}", fn="cosine_similarity", args=(_vector(rng, n), _vector(rng, n)))
        )
    return cases
