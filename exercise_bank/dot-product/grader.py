"""Cases for dot-product: the statement's examples shown; random, long and mismatched vectors hidden."""

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker
from gpu_runner.graders.vectors import random_pair_cases, uniform_vector

ZIP_DROPS = {
    "en": "check len(a) == len(b) before multiplying; zip silently drops the extra entries",
    "zh": "相乘之前先检查 len(a) == len(b)；zip 会悄悄丢掉多出来的元素",
}
SHOWN = {"visible": True}

_case = case_maker("dot")


def _vector(rng, n):
    return uniform_vector(rng, n, 10.0)


def make_cases(rng):
    # (name, (a, b), options)
    rows = [
        ({"en": "example: [1, 2, 3] . [4, 5, 6]", "zh": "示例：[1, 2, 3] · [4, 5, 6]"}, ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), SHOWN),
        ({"en": "two empty vectors", "zh": "两个空向量"}, ([], []), SHOWN),
        ({"en": "different lengths raise ValueError", "zh": "长度不同时抛出 ValueError"}, ([1.0, 2.0], [1.0]), SHOWN),
        ({"en": "one entry each", "zh": "各只有一个元素"}, (_vector(rng, 1), _vector(rng, 1)), {}),
        (raises_value_error("longer second vector", "第二个向量更长"), (_vector(rng, 3), _vector(rng, 5)), {"hint": ZIP_DROPS}),
        ({"en": "orthogonal vectors give 0", "zh": "正交向量给出 0"}, ([3.0, 0.0, -2.0], [0.0, 5.0, 0.0]), {}),
        ({"en": "long vectors (1000 entries)", "zh": "长向量（1000 个元素）"}, (_vector(rng, 1000), _vector(rng, 1000)), {}),
    ]  # fmt: skip
    cases = [_case(name, *args, **options) for name, args, options in rows]
    return cases + random_pair_cases(rng, _case, count=4, longest=40, scale=10.0)
