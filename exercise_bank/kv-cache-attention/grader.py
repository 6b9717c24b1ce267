"""Cases for kv-cache-attention: one decoding step, a prefill chunk, a chunk that follows a cache (where a
top-left causal mask goes wrong), random chunkings that must equal full causal attention, and bad shapes."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

STEP, RUN = "attend_with_cache", "incremental_attention"

OFFSET_MASK = {
    "en": (
        "new token i sits at position t_past + i: it may attend to every cached position and to the new tokens up to "
        "itself (a causal mask aligned to the bottom right, not np.tril of a square)"
    ),
    "zh": (
        "第 i 个新词元位于位置 t_past + i：它可以关注所有缓存的位置，以及新词元中直到它自己为止的那些（因果掩码要与右下角对齐，"
        "而不是方阵的 np.tril）"
    ),
}
CACHE = {
    "en": "the cache holds the projected keys and values (x @ w_k, x @ w_v split into heads), new ones appended along axis 1",
    "zh": "缓存保存的是投影后的键和值（x @ w_k、x @ w_v 拆分成多个头），新的键值沿第 1 个轴追加",
}
HEADS = {
    "en": "split heads with reshape(t, n_heads, d_head).transpose(1, 0, 2) and scale the scores by 1/sqrt(d_head)",
    "zh": "用 reshape(t, n_heads, d_head).transpose(1, 0, 2) 拆分多头，分数除以 sqrt(d_head)",
}
EQUAL = {
    "en": "whatever the chunks, the outputs must equal full causal attention over the whole sequence",
    "zh": "无论怎样分块，输出都必须等于对整个序列做完整因果注意力的结果",
}
BAD_INPUT = {
    "en": (
        "raise ValueError when d_model is not divisible by n_heads, the caches' shapes do not fit, or the chunk sizes "
        "do not add up to the sequence length"
    ),
    "zh": "当 d_model 不能被 n_heads 整除、缓存形状不匹配、或块大小之和不等于序列长度时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "the first token (empty cache)": {
        "en": "an empty cache has shape (n_heads, 0, d_head); the first token attends only to itself",
        "zh": "空缓存的形状是 (n_heads, 0, d_head)；第一个词元只关注它自己",
    },
    "one decoding step after a long cache": OFFSET_MASK,
    "a prefill chunk on an empty cache": {
        "en": "inside a chunk, token i must not see the new tokens after it",
        "zh": "在一个块内部，第 i 个词元不能看到它之后的新词元",
    },
    "a chunk of several tokens after a cache": OFFSET_MASK,
    "random chunks 1 equal full causal attention": CACHE,  # before "random chunks", a prefix of it
    "random chunks": EQUAL,
    "one token at a time": OFFSET_MASK,
    "a single head": HEADS,
    "six heads of width 2": HEADS,
    "large scores": {
        "en": "subtract each row's maximum score before np.exp (masked positions are -inf, not a large negative number)",
        "zh": "在 np.exp 之前减去每行分数的最大值（被遮住的位置是 -inf，而不是一个很大的负数）",
    },
    "d_model not divisible by n_heads": BAD_INPUT,
    "chunks that do not cover the sequence": BAD_INPUT,
    "caches of different lengths": BAD_INPUT,
}


def _weights(rng, d_model, scale=None):
    scale = 1.0 / np.sqrt(d_model) if scale is None else scale
    return tuple(rng.normal(size=(d_model, d_model)) * scale for _ in range(4))


def _cache(rng, n_heads, t_past, d_head):
    return rng.normal(size=(n_heads, t_past, d_head)), rng.normal(size=(n_heads, t_past, d_head))


def _chunks(rng, length):
    sizes = []
    while sum(sizes) < length:
        sizes.append(int(rng.integers(1, min(4, length - sum(sizes)) + 1)))
    return sizes


_step_case = case_maker(STEP)
_run_case = case_maker(RUN)


def _step(name, x, cache, weights, n_heads, **options):
    """The case `attend_with_cache(x, cache_k, cache_v, w_q, w_k, w_v, w_o, n_heads)`."""
    return _step_case(name, x, *cache, *weights, n_heads, **options)


def _run(name, x, weights, n_heads, chunks, **options):
    """The case `incremental_attention(x, w_q, w_k, w_v, w_o, n_heads, chunks)`."""
    return _run_case(name, x, *weights, n_heads, chunks, **options)


def make_cases(rng):
    eye2, eye4 = np.eye(2), np.eye(4)
    example_x = np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 2.0, 1.0, 0.0], [1.0, 1.0, -1.0, 0.5]])
    cases = [
        _step(
            {
                "en": "statement example: one new token after two cached ones",
                "zh": "题目示例：两个缓存词元之后的一个新词元",
            },
            np.array([[1.0, 0.0]]),
            (np.array([[[0.0, 1.0], [1.0, 1.0]]]), np.array([[[1.0, 0.0], [0.0, 1.0]]])),
            (eye2, eye2, eye2, eye2),
            1,
            visible=True,
        ),
        _run(
            {"en": "statement example: chunks [2, 1]", "zh": "题目示例：分块 [2, 1]"},
            example_x,
            (eye4, eye4, eye4, eye4),
            2,
            [2, 1],
            visible=True,
        ),
        _run(
            {
                "en": "statement example: one chunk [3] gives the same outputs",
                "zh": "题目示例：一个分块 [3] 得到相同的输出",
            },
            example_x,
            (eye4, eye4, eye4, eye4),
            2,
            [3],
            visible=True,
        ),
    ]
    n_heads = int(rng.integers(2, 5))
    d_head = int(rng.integers(2, 6))
    d_model = n_heads * d_head
    weights = _weights(rng, d_model)
    cases += [
        _step(
            {"en": "the first token (empty cache)", "zh": "第一个词元（空缓存）"},
            rng.normal(size=(1, d_model)),
            _cache(rng, n_heads, 0, d_head),
            weights,
            n_heads,
        ),
        _step(
            {"en": "one decoding step after a long cache", "zh": "长缓存之后的一步解码"},
            rng.normal(size=(1, d_model)),
            _cache(rng, n_heads, int(rng.integers(5, 20)), d_head),
            weights,
            n_heads,
        ),
        _step(
            {"en": "a prefill chunk on an empty cache", "zh": "空缓存上的预填充块"},
            rng.normal(size=(int(rng.integers(3, 7)), d_model)),
            _cache(rng, n_heads, 0, d_head),
            weights,
            n_heads,
        ),
        _step(
            {"en": "a chunk of several tokens after a cache", "zh": "缓存之后的多词元块"},
            rng.normal(size=(int(rng.integers(2, 5)), d_model)),
            _cache(rng, n_heads, int(rng.integers(2, 6)), d_head),
            weights,
            n_heads,
        ),
    ]
    for index in range(3):
        length = int(rng.integers(6, 13))
        name = {
            "en": f"random chunks {index + 1} equal full causal attention",
            "zh": f"随机分块 {index + 1} 等于完整的因果注意力",
        }
        cases.append(_run(name, rng.normal(size=(length, d_model)), weights, n_heads, _chunks(rng, length)))
    length = int(rng.integers(5, 10))
    x = rng.normal(size=(length, d_model))
    cases.append(_run({"en": "one token at a time", "zh": "每次一个词元"}, x, weights, n_heads, [1] * length))
    single = _weights(rng, 6)
    cases.append(_run({"en": "a single head", "zh": "单个注意力头"}, rng.normal(size=(5, 6)), single, 1, [2, 3]))
    many = _weights(rng, 12)
    cases.append(
        _run({"en": "six heads of width 2", "zh": "六个宽度为 2 的头"}, rng.normal(size=(7, 12)), many, 6, [4, 1, 2])
    )
    sharp = _weights(rng, d_model, scale=3.0)
    cases += [
        _run({"en": "large scores", "zh": "很大的分数"}, rng.normal(size=(6, d_model)) * 4.0, sharp, n_heads, [3, 3]),
        _run(
            raises_value_error("d_model not divisible by n_heads", "d_model 不能被 n_heads 整除"),
            rng.normal(size=(3, 6)),
            _weights(rng, 6),
            4,
            [3],
        ),
        _run(
            {
                "en": "chunks that do not cover the sequence raise ValueError",
                "zh": "不能覆盖整个序列的分块抛出 ValueError",
            },
            rng.normal(size=(5, d_model)),
            weights,
            n_heads,
            [2, 2],
        ),
    ]
    cache_k, cache_v = _cache(rng, n_heads, 3, d_head)
    cases.append(
        _step(
            {"en": "caches of different lengths raise ValueError", "zh": "长度不同的缓存抛出 ValueError"},
            rng.normal(size=(1, d_model)),
            (cache_k, cache_v[:, :2]),
            weights,
            n_heads,
        )
    )
    return with_hints(cases, HINTS)
