"""Cases for dot-product: the statement's examples shown; random, long and mismatched vectors hidden."""

from gpu_runner.graders.code import Case


def _vector(rng, n, scale=10.0):
    return [float(v) for v in rng.uniform(-scale, scale, size=n)]


def make_cases(rng):
    cases = [
        Case(name="example: [1, 2, 3] . [4, 5, 6]", fn="dot", args=([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), visible=True),
        Case(name="two empty vectors", fn="dot", args=([], []), visible=True),
        Case(name="different lengths raise ValueError", fn="dot", args=([1.0, 2.0], [1.0]), visible=True),
        Case(name="one entry each", fn="dot", args=(_vector(rng, 1), _vector(rng, 1))),
        Case(
            name="longer second vector raises ValueError",
            fn="dot",
            args=(_vector(rng, 3), _vector(rng, 5)),
            hint="check len(a) == len(b) before multiplying; zip silently drops the extra entries",
        ),
        Case(name="orthogonal vectors give 0", fn="dot", args=([3.0, 0.0, -2.0], [0.0, 5.0, 0.0])),
        Case(name="long vectors (1000 entries)", fn="dot", args=(_vector(rng, 1000), _vector(rng, 1000))),
    ]
    for i in range(4):
        n = int(rng.integers(2, 40))
        cases.append(Case(name=f"random vectors {i + 1}", fn="dot", args=(_vector(rng, n), _vector(rng, n))))
    return cases
