"""Cases for qkv-projections: splitting a fused projection into query, key and value heads; multi-head,
multi-query and grouped-query attention; the memory of a KV cache."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

SPLIT, ATTEND, BYTES = "split_qkv", "grouped_query_attention", "kv_cache_bytes"

EXAMPLE_X = np.array([[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
EXAMPLE_WEIGHTS = (np.vstack([np.eye(4), np.eye(4)[:2], np.eye(4)[2:]]), np.zeros(8), np.eye(4))  # w_qkv, b_qkv, w_o


def _weights(rng, d_model, n_heads, n_kv_heads):
    d_head = d_model // n_heads
    rows = (n_heads + 2 * n_kv_heads) * d_head
    scale = 1.0 / np.sqrt(d_model)
    return (
        rng.normal(size=(rows, d_model)) * scale,
        rng.normal(size=rows) * 0.1,
        rng.normal(size=(d_model, d_model)) * scale,
    )


ORDER = {
    "en": (
        "rows of w_qkv: the n_heads*d_head query rows first, then n_kv_heads*d_head key rows, then as many value rows; "
        "apply it as x @ w_qkv.T + b_qkv"
    ),
    "zh": "w_qkv 的行：先是 n_heads*d_head 行查询，然后是 n_kv_heads*d_head 行键，再是同样多行值；用法是 x @ w_qkv.T + b_qkv",
}
HEADS = {
    "en": (
        "head j is the block of d_head consecutive features j*d_head .. (j+1)*d_head-1: reshape(seq, heads, d_head) then "
        "transpose to (heads, seq, d_head)"
    ),
    "zh": "第 j 个头是连续的 d_head 个特征 j*d_head .. (j+1)*d_head-1：先 reshape(seq, heads, d_head)，再转置成 (heads, seq, d_head)",
}
GROUPS = {
    "en": "query head h uses key/value head h // (n_heads // n_kv_heads): consecutive query heads share one kv head",
    "zh": "查询头 h 使用第 h // (n_heads // n_kv_heads) 个键值头：相邻的一组查询头共享一个键值头",
}
CACHE = {
    "en": "a KV cache stores a key AND a value vector of d_head numbers per layer, kv head, token and sequence",
    "zh": "KV 缓存为每一层、每个键值头、每个词元、每个序列各保存一个键向量和一个值向量，每个向量 d_head 个数",
}
BAD_SHAPES = {
    "en": "raise ValueError when d_model % n_heads, n_heads % n_kv_heads or the shape of w_qkv does not fit",
    "zh": "当 d_model 不能被 n_heads 整除、n_heads 不能被 n_kv_heads 整除或 w_qkv 的形状不对时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "split, multi-head": ORDER,
    "split, ": HEADS,
    "attention, ": GROUPS,
    "cache bytes": CACHE,
    "n_heads not divisible by n_kv_heads": BAD_SHAPES,
    "a fused weight with the wrong number of rows": BAD_SHAPES,
}
ATTENTION_KINDS = (  # n_heads, n_kv_heads, English and Chinese label
    (4, 4, "multi-head (n_kv_heads = n_heads)", "多头（n_kv_heads = n_heads）"),
    (8, 2, "grouped-query", "分组查询"),
    (6, 1, "multi-query", "多查询"),
)
EXAMPLE_CALL = (EXAMPLE_X, EXAMPLE_WEIGHTS, 2, 1)  # x, weights, n_heads, n_kv_heads
# kv_cache_bytes(n_layers, n_kv_heads, d_head, seq_len, batch, bytes_per_value) of Llama-2-70B at 4096 tokens, fp16
LLAMA2_70B_CACHE = (80, 8, 128, 4096, 1, 2)
_split_case = case_maker(SPLIT)
_attend_case = case_maker(ATTEND)
_bytes = case_maker(BYTES)


def _split(name, x, weights, n_heads, n_kv_heads, **options):
    """The case `split_qkv(x, w_qkv, b_qkv, n_heads, n_kv_heads)` for weights = (w_qkv, b_qkv, w_o)."""
    w_qkv, b_qkv, _ = weights
    return _split_case(name, x, w_qkv, b_qkv, n_heads, n_kv_heads, **options)


def _attend(name, x, weights, n_heads, n_kv_heads, **options):
    """The case `grouped_query_attention(x, w_qkv, b_qkv, w_o, n_heads, n_kv_heads)`."""
    return _attend_case(name, x, *weights, n_heads, n_kv_heads, **options)


def make_cases(rng):
    cases = [
        _split({"en": "statement example: split", "zh": "题目示例：拆分"}, *EXAMPLE_CALL, visible=True),
        _attend(
            {"en": "statement example: multi-query attention", "zh": "题目示例：多查询注意力"},
            *EXAMPLE_CALL,
            visible=True,
        ),
        _bytes(
            {"en": "statement example: Llama-2-70B's cache", "zh": "题目示例：Llama-2-70B 的缓存"},
            *LLAMA2_70B_CACHE,
            visible=True,
        ),
    ]
    seq = int(rng.integers(3, 8))
    for n_heads, n_kv_heads, label, label_zh in ATTENTION_KINDS:
        d_model = n_heads * int(rng.integers(2, 5))
        weights = _weights(rng, d_model, n_heads, n_kv_heads)
        x = rng.normal(size=(seq, d_model))
        cases += [
            _split({"en": f"split, {label}", "zh": f"拆分，{label_zh}"}, x, weights, n_heads, n_kv_heads),
            _attend(
                {"en": f"attention, {label}, causal", "zh": f"注意力，{label_zh}，因果"},
                x,
                weights,
                n_heads,
                n_kv_heads,
            ),
        ]
    weights = _weights(rng, 12, 6, 3)
    name = {"en": "attention, grouped-query, not causal", "zh": "注意力，分组查询，非因果"}
    cases.append(_attend(name, rng.normal(size=(seq, 12)), weights, 6, 3, causal=False))
    layers, kv_heads, d_head = int(rng.integers(12, 96)), int(rng.choice([1, 4, 8])), int(rng.choice([64, 128]))
    fp16 = (layers, kv_heads, d_head, int(rng.integers(1, 33)) * 1024, int(rng.integers(1, 17)), 2)
    int8 = (layers, 1, d_head, 131072, 1, 1)
    cases += [
        _bytes({"en": "cache bytes, grouped-query, fp16", "zh": "缓存字节数，分组查询，fp16"}, *fp16),
        _bytes({"en": "cache bytes, int8, a long context", "zh": "缓存字节数，int8，长上下文"}, *int8),
    ]
    weights = _weights(rng, 8, 4, 2)
    cases += [
        _split(
            raises_value_error("n_heads not divisible by n_kv_heads", "n_heads 不能被 n_kv_heads 整除"),
            rng.normal(size=(3, 8)),
            weights,
            4,
            3,
        ),
        _split(
            {
                "en": "a fused weight with the wrong number of rows raises ValueError",
                "zh": "行数错误的融合权重抛出 ValueError",
            },
            rng.normal(size=(3, 8)),
            weights,
            4,
            4,
        ),
    ]
    return with_hints(cases, HINTS)
