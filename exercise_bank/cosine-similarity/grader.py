"""Cases for cosine-similarity: the statement's examples shown; scaled, opposite and zero vectors hidden."""

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker
from gpu_runner.graders.vectors import random_pair_cases, uniform_vector

NORMS = {"en": "check both norms before dividing", "zh": "做除法之前检查两个向量的范数"}
LENGTHS = {"en": "check len(a) == len(b) first", "zh": "先检查 len(a) == len(b)"}
SHOWN = {"visible": True}

_case = case_maker("cosine_similarity")


def _vector(rng, n):
    return uniform_vector(rng, n, 5.0)


def make_cases(rng):
    v = _vector(rng, 6)
    factor = float(rng.uniform(0.5, 20.0))
    # (name, (a, b), options)
    rows = [
        ({"en": "example: orthogonal vectors", "zh": "示例：正交向量"}, ([1.0, 0.0], [0.0, 1.0]), SHOWN),
        ({"en": "example: same direction", "zh": "示例：方向相同"}, ([1.0, 2.0], [2.0, 4.0]), SHOWN),
        ({"en": "example: zero vector raises ValueError", "zh": "示例：零向量抛出 ValueError"}, ([0.0, 0.0], [1.0, 2.0]), SHOWN),
        (raises_value_error("zero second vector", "第二个向量为零向量"), (_vector(rng, 4), [0.0, 0.0, 0.0, 0.0]), {"hint": NORMS}),
        ({"en": "different lengths raise ValueError", "zh": "长度不同时抛出 ValueError"}, (_vector(rng, 3), _vector(rng, 4)), {"hint": LENGTHS}),
        ({"en": "a scaled copy gives 1", "zh": "缩放后的副本给出 1"}, (v, [factor * x for x in v]), {}),
        ({"en": "the opposite vector gives -1", "zh": "反向向量给出 -1"}, (v, [-factor * x for x in v]), {}),
        ({"en": "one-entry vectors", "zh": "只有一个元素的向量"}, ([-3.0], [0.5]), {}),
    ]  # fmt: skip
    cases = [_case(name, *args, **options) for name, args, options in rows]
    return cases + random_pair_cases(rng, _case, count=4, longest=30, scale=5.0)
