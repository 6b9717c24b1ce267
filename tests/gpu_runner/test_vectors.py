"""The vector exercises' random cases: equal lengths, the requested range, one builder call per case."""

import numpy as np

from gpu_runner.graders.code import case_maker
from gpu_runner.graders.vectors import random_pair_cases, uniform_vector


def test_uniform_vector_is_a_list_of_floats_in_range():
    vector = uniform_vector(np.random.default_rng(0), 50, 2.0)
    assert len(vector) == 50 and all(type(v) is float and -2.0 <= v < 2.0 for v in vector)


def test_random_pair_cases_draw_equal_lengths():
    cases = random_pair_cases(np.random.default_rng(1), case_maker("dot"), count=3, longest=6, scale=1.0)
    assert [case.title for case in cases] == ["random vectors 1", "random vectors 2", "random vectors 3"]
    for case in cases:
        a, b = case.args
        assert case.fn == "dot" and 2 <= len(a) == len(b) < 6
