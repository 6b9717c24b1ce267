"""Case helpers of the vector exercises (dot-product, cosine-similarity): random vectors as plain Python lists."""

from collections.abc import Callable

import numpy as np

from gpu_runner.graders.code import Case


def uniform_vector(rng: np.random.Generator, n: int, scale: float) -> list[float]:
    """n floats drawn uniformly from [-scale, scale)."""
    return [float(v) for v in rng.uniform(-scale, scale, size=n)]


def random_pair_cases(
    rng: np.random.Generator, make: Callable[..., Case], *, count: int, longest: int, scale: float
) -> list[Case]:
    """`count` cases "random vectors i": `make(name, a, b)` on two uniform vectors of one random length in
    [2, longest)."""
    cases = []
    for i in range(count):
        n = int(rng.integers(2, longest))
        name = {"en": f"random vectors {i + 1}", "zh": f"随机向量 {i + 1}"}
        cases.append(make(name, uniform_vector(rng, n, scale), uniform_vector(rng, n, scale)))
    return cases
