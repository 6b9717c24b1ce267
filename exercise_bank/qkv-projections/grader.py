"""Cases for qkv-projections: splitting a fused projection into query, key and value heads; multi-head,
multi-query and grouped-query attention; the memory of a KV cache."""

import numpy as np

from gpu_runner.graders.code import Case

SPLIT, ATTEND, BYTES = "split_qkv", "grouped_query_attention", "kv_cache_bytes"

EXAMPLE_X = np.array([[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
EXAMPLE_W = np.vstack([np.eye(4), np.eye(4)[:2], np.eye(4)[2:]])


def _hint(en, zh):
    return {"en": en, "zh": zh}


ORDER = _hint(
    "rows of w_qkv: the n_heads*d_head query rows first, then n_kv_heads*d_head key rows, then as many value rows; "
    "apply it as x @ w_qkv.T + b_qkv",
    "w_qkv 的行：先是 n_heads*d_head 行查询，然后是 n_kv_heads*d_head 行键，再是同样多行值；用法是 x @ w_qkv.T + b_qkv",
)
HEADS = _hint(
    "head j is the block of d_head consecutive features j*d_head .. (j+1)*d_head-1: reshape(seq, heads, d_head) then "
    "transpose to (heads, seq, d_head)",
    "第 j 个头是连续的 d_head 个特征 j*d_head .. (j+1)*d_head-1：先 reshape(seq, heads, d_head)，再转置成 (heads, seq, d_head)",
)
GROUPS = _hint(
    "query head h uses key/value head h // (n_heads // n_kv_heads): consecutive query heads share one kv head",
    "查询头 h 使用第 h // (n_heads // n_kv_heads) 个键值头：相邻的一组查询头共享一个键值头",
)
CACHE = _hint(
    "a KV cache stores a key AND a value vector of d_head numbers per layer, kv head, token and sequence",
    "KV 缓存为每一层、每个键值头、每个词元、每个序列各保存一个键向量和一个值向量，每个向量 d_head 个数",
)


def _weights(rng, d_model, n_heads, n_kv_heads):
    d_head = d_model // n_heads
    rows = (n_heads + 2 * n_kv_heads) * d_head
    scale = 1.0 / np.sqrt(d_model)
    return (
        rng.normal(size=(rows, d_model)) * scale,
        rng.normal(size=rows) * 0.1,
        rng.normal(size=(d_model, d_model)) * scale,
    )


def make_cases(rng):
    cases = [
        Case(
            name={"en": "statement example: split", "zh": "题目示例：拆分"},
            fn=SPLIT,
            args=(EXAMPLE_X, EXAMPLE_W, np.zeros(8), 2, 1),
            visible=True,
        ),
        Case(
            name={"en": "statement example: multi-query attention", "zh": "题目示例：多查询注意力"},
            fn=ATTEND,
            args=(EXAMPLE_X, EXAMPLE_W, np.zeros(8), np.eye(4), 2, 1),
            visible=True,
        ),
        Case(
            name={"en": "statement example: Llama-2-70B's cache", "zh": "题目示例：Llama-2-70B 的缓存"},
            fn=BYTES,
            args=(80, 8, 128, 4096, 1, 2),
            visible=True,
        ),
    ]
    seq = int(rng.integers(3, 8))
    for n_heads, n_kv_heads, label, label_zh in (
        (4, 4, "multi-head (n_kv_heads = n_heads)", "多头（n_kv_heads = n_heads）"),
        (8, 2, "grouped-query", "分组查询"),
        (6, 1, "multi-query", "多查询"),
    ):
        d_model = n_heads * int(rng.integers(2, 5))
        w_qkv, b_qkv, w_o = _weights(rng, d_model, n_heads, n_kv_heads)
        x = rng.normal(size=(seq, d_model))
        cases.append(
            Case(
                name={"en": f"split, {label}", "zh": f"拆分，{label_zh}"},
                fn=SPLIT,
                args=(x, w_qkv, b_qkv, n_heads, n_kv_heads),
                hint=ORDER if n_kv_heads == n_heads else HEADS,
            )
        )
        cases.append(
            Case(
                name={"en": f"attention, {label}, causal", "zh": f"注意力，{label_zh}，因果"},
                fn=ATTEND,
                args=(x, w_qkv, b_qkv, w_o, n_heads, n_kv_heads),
                hint=GROUPS,
            )
        )
    d_model = 12
    w_qkv, b_qkv, w_o = _weights(rng, d_model, 6, 3)
    cases.append(
        Case(
            name={"en": "attention, grouped-query, not causal", "zh": "注意力，分组查询，非因果"},
            fn=ATTEND,
            args=(rng.normal(size=(seq, d_model)), w_qkv, b_qkv, w_o, 6, 3),
            kwargs={"causal": False},
            hint=GROUPS,
        )
    )
    layers, kv_heads, d_head = int(rng.integers(12, 96)), int(rng.choice([1, 4, 8])), int(rng.choice([64, 128]))
    cases.append(
        Case(
            name={"en": "cache bytes, grouped-query, fp16", "zh": "缓存字节数，分组查询，fp16"},
            fn=BYTES,
            args=(layers, kv_heads, d_head, int(rng.integers(1, 33)) * 1024, int(rng.integers(1, 17)), 2),
            hint=CACHE,
        )
    )
    cases.append(
        Case(
            name={"en": "cache bytes, int8, a long context", "zh": "缓存字节数，int8，长上下文"},
            fn=BYTES,
            args=(layers, 1, d_head, 131072, 1, 1),
            hint=CACHE,
        )
    )
    bad = _hint(
        "raise ValueError when d_model % n_heads, n_heads % n_kv_heads or the shape of w_qkv does not fit",
        "当 d_model 不能被 n_heads 整除、n_heads 不能被 n_kv_heads 整除或 w_qkv 的形状不对时，抛出 ValueError",
    )
    w_qkv, b_qkv, _ = _weights(rng, 8, 4, 2)
    cases.append(
        Case(
            name={
                "en": "n_heads not divisible by n_kv_heads raises ValueError",
                "zh": "n_heads 不能被 n_kv_heads 整除时抛出 ValueError",
            },
            fn=SPLIT,
            args=(rng.normal(size=(3, 8)), w_qkv, b_qkv, 4, 3),
            hint=bad,
        )
    )
    cases.append(
        Case(
            name={
                "en": "a fused weight with the wrong number of rows raises ValueError",
                "zh": "行数错误的融合权重抛出 ValueError",
            },
            fn=SPLIT,
            args=(rng.normal(size=(3, 8)), w_qkv, b_qkv, 4, 4),
            hint=bad,
        )
    )
    return cases
