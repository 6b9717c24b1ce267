"""Cases for kv-cache-attention: one decoding step, a prefill chunk, a chunk that follows a cache (where a
top-left causal mask goes wrong), random chunkings that must equal full causal attention, and bad shapes."""

import numpy as np

from gpu_runner.graders.code import Case

STEP, RUN = "attend_with_cache", "incremental_attention"


def _hint(en, zh):
    return {"en": en, "zh": zh}


OFFSET_MASK = _hint(
    "new token i sits at position t_past + i: it may attend to every cached position and to the new tokens up to "
    "itself (a causal mask aligned to the bottom right, not np.tril of a square)",
    "第 i 个新词元位于位置 t_past + i：它可以关注所有缓存的位置，以及新词元中直到它自己为止的那些（因果掩码要与右下角对齐，"
    "而不是方阵的 np.tril）",
)
CACHE = _hint(
    "the cache holds the projected keys and values (x @ w_k, x @ w_v split into heads), new ones appended along axis 1",
    "缓存保存的是投影后的键和值（x @ w_k、x @ w_v 拆分成多个头），新的键值沿第 1 个轴追加",
)
HEADS = _hint(
    "split heads with reshape(t, n_heads, d_head).transpose(1, 0, 2) and scale the scores by 1/sqrt(d_head)",
    "用 reshape(t, n_heads, d_head).transpose(1, 0, 2) 拆分多头，分数除以 sqrt(d_head)",
)
EQUAL = _hint(
    "whatever the chunks, the outputs must equal full causal attention over the whole sequence",
    "无论怎样分块，输出都必须等于对整个序列做完整因果注意力的结果",
)


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


def make_cases(rng):
    eye2, eye4 = np.eye(2), np.eye(4)
    example_x = np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 2.0, 1.0, 0.0], [1.0, 1.0, -1.0, 0.5]])
    cases = [
        Case(
            name={
                "en": "statement example: one new token after two cached ones",
                "zh": "题目示例：两个缓存词元之后的一个新词元",
            },
            fn=STEP,
            args=(
                np.array([[1.0, 0.0]]),
                np.array([[[0.0, 1.0], [1.0, 1.0]]]),
                np.array([[[1.0, 0.0], [0.0, 1.0]]]),
                eye2,
                eye2,
                eye2,
                eye2,
                1,
            ),
            visible=True,
        ),
        Case(
            name={"en": "statement example: chunks [2, 1]", "zh": "题目示例：分块 [2, 1]"},
            fn=RUN,
            args=(example_x, eye4, eye4, eye4, eye4, 2, [2, 1]),
            visible=True,
        ),
        Case(
            name={
                "en": "statement example: one chunk [3] gives the same outputs",
                "zh": "题目示例：一个分块 [3] 得到相同的输出",
            },
            fn=RUN,
            args=(example_x, eye4, eye4, eye4, eye4, 2, [3]),
            visible=True,
        ),
    ]
    n_heads = int(rng.integers(2, 5))
    d_head = int(rng.integers(2, 6))
    d_model = n_heads * d_head
    weights = _weights(rng, d_model)

    cases.append(
        Case(
            name={"en": "the first token (empty cache)", "zh": "第一个词元（空缓存）"},
            fn=STEP,
            args=(rng.normal(size=(1, d_model)), *_cache(rng, n_heads, 0, d_head), *weights, n_heads),
            hint=_hint(
                "an empty cache has shape (n_heads, 0, d_head); the first token attends only to itself",
                "空缓存的形状是 (n_heads, 0, d_head)；第一个词元只关注它自己",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "one decoding step after a long cache", "zh": "长缓存之后的一步解码"},
            fn=STEP,
            args=(
                rng.normal(size=(1, d_model)),
                *_cache(rng, n_heads, int(rng.integers(5, 20)), d_head),
                *weights,
                n_heads,
            ),
            hint=OFFSET_MASK,
        )
    )
    cases.append(
        Case(
            name={"en": "a prefill chunk on an empty cache", "zh": "空缓存上的预填充块"},
            fn=STEP,
            args=(
                rng.normal(size=(int(rng.integers(3, 7)), d_model)),
                *_cache(rng, n_heads, 0, d_head),
                *weights,
                n_heads,
            ),
            hint=_hint(
                "inside a chunk, token i must not see the new tokens after it",
                "在一个块内部，第 i 个词元不能看到它之后的新词元",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "a chunk of several tokens after a cache", "zh": "缓存之后的多词元块"},
            fn=STEP,
            args=(
                rng.normal(size=(int(rng.integers(2, 5)), d_model)),
                *_cache(rng, n_heads, int(rng.integers(2, 6)), d_head),
                *weights,
                n_heads,
            ),
            hint=OFFSET_MASK,
        )
    )
    for index in range(3):
        length = int(rng.integers(6, 13))
        cases.append(
            Case(
                name={
                    "en": f"random chunks {index + 1} equal full causal attention",
                    "zh": f"随机分块 {index + 1} 等于完整的因果注意力",
                },
                fn=RUN,
                args=(rng.normal(size=(length, d_model)), *weights, n_heads, _chunks(rng, length)),
                hint=EQUAL if index else CACHE,
            )
        )
    length = int(rng.integers(5, 10))
    cases.append(
        Case(
            name={"en": "one token at a time", "zh": "每次一个词元"},
            fn=RUN,
            args=(rng.normal(size=(length, d_model)), *weights, n_heads, [1] * length),
            hint=OFFSET_MASK,
        )
    )
    single = _weights(rng, 6)
    cases.append(
        Case(
            name={"en": "a single head", "zh": "单个注意力头"},
            fn=RUN,
            args=(rng.normal(size=(5, 6)), *single, 1, [2, 3]),
            hint=HEADS,
        )
    )
    many = _weights(rng, 12)
    cases.append(
        Case(
            name={"en": "six heads of width 2", "zh": "六个宽度为 2 的头"},
            fn=RUN,
            args=(rng.normal(size=(7, 12)), *many, 6, [4, 1, 2]),
            hint=HEADS,
        )
    )
    sharp = _weights(rng, d_model, scale=3.0)
    cases.append(
        Case(
            name={"en": "large scores", "zh": "很大的分数"},
            fn=RUN,
            args=(rng.normal(size=(6, d_model)) * 4.0, *sharp, n_heads, [3, 3]),
            hint=_hint(
                "subtract each row's maximum score before np.exp (masked positions are -inf, not a large negative number)",
                "在 np.exp 之前减去每行分数的最大值（被遮住的位置是 -inf，而不是一个很大的负数）",
            ),
        )
    )
    bad = _hint(
        "raise ValueError when d_model is not divisible by n_heads, the caches' shapes do not fit, or the chunk sizes "
        "do not add up to the sequence length",
        "当 d_model 不能被 n_heads 整除、缓存形状不匹配、或块大小之和不等于序列长度时，抛出 ValueError",
    )
    cases.append(
        Case(
            name={
                "en": "d_model not divisible by n_heads raises ValueError",
                "zh": "d_model 不能被 n_heads 整除时抛出 ValueError",
            },
            fn=RUN,
            args=(rng.normal(size=(3, 6)), *_weights(rng, 6), 4, [3]),
            hint=bad,
        )
    )
    cases.append(
        Case(
            name={
                "en": "chunks that do not cover the sequence raise ValueError",
                "zh": "不能覆盖整个序列的分块抛出 ValueError",
            },
            fn=RUN,
            args=(rng.normal(size=(5, d_model)), *weights, n_heads, [2, 2]),
            hint=bad,
        )
    )
    cache_k, cache_v = _cache(rng, n_heads, 3, d_head)
    cases.append(
        Case(
            name={"en": "caches of different lengths raise ValueError", "zh": "长度不同的缓存抛出 ValueError"},
            fn=STEP,
            args=(rng.normal(size=(1, d_model)), cache_k, cache_v[:, :2], *weights, n_heads),
            hint=bad,
        )
    )
    return cases
