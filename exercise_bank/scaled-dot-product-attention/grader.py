"""Cases for scaled-dot-product-attention.

Random shapes with zero to two batch dimensions, cross-attention (L_q != L_k), masks of several
broadcast shapes (every query row keeps at least one allowed key), and large logits that overflow a
softmax without the max-subtraction.
"""

import numpy as np

from gpu_runner.graders.attention import random_mask
from gpu_runner.graders.case_texts import STATEMENT_EXAMPLE
from gpu_runner.graders.code import case_maker, with_hints


def _qkv(rng, batch, l_q, l_k, d_k, d_v, scale=1.0):
    q = rng.normal(size=(*batch, l_q, d_k)) * scale
    k = rng.normal(size=(*batch, l_k, d_k)) * scale
    v = rng.normal(size=(*batch, l_k, d_v))
    return q, k, v


# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "no batch dimension": {
        "en": "scale the scores by 1/sqrt(d_k) and take the softmax over the keys (the last axis)",
        "zh": "把分数按 1/sqrt(d_k) 缩放，并在键（最后一个轴）上做 softmax",
    },
    "one batch dimension, cross-attention": {
        "en": "with L_q != L_k, use k's transpose on its last two axes: np.swapaxes(k, -1, -2)",
        "zh": "L_q != L_k 时，对 k 的最后两个轴转置：np.swapaxes(k, -1, -2)",
    },
    "two batch dimensions": {
        "en": "use @ with np.swapaxes(k, -1, -2) so any number of leading batch dimensions works",
        "zh": "用 @ 配合 np.swapaxes(k, -1, -2)，这样前面有多少个批量维度都能处理",
    },
    "full-shape mask": {
        "en": "True in the mask means the query may attend; set the scores where it is False to -inf",
        "zh": "掩码中的 True 表示该查询可以关注；把 False 处的分数设为 -inf",
    },
    "large logits": {
        "en": "subtract each row's maximum score before np.exp, or exp overflows to inf and the weights become nan",
        "zh": "调用 np.exp 之前先减去每行的最大分数，否则 exp 会溢出为 inf，权重变成 nan",
    },
    "a single key": {"en": "with one key every weight is 1", "zh": "只有一个键时每个权重都是 1"},
    "d_k = 1": {"en": "d_k is q.shape[-1]; scale by 1/sqrt(d_k)", "zh": "d_k 是 q.shape[-1]；按 1/sqrt(d_k) 缩放"},
}


_case = case_maker("attention")


def make_cases(rng):
    example = (np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0], [2.0]]))
    cases = [
        _case(STATEMENT_EXAMPLE, *example, visible=True),
        _case({"en": "statement example with a mask", "zh": "带掩码的题目示例"}, *example, mask=np.array([[False, True]]), visible=True),
    ]  # fmt: skip
    q, k, v = _qkv(rng, (), 4, 4, 3, 2)
    causal = np.tril(np.ones((4, 4), dtype=bool))
    cases.append(
        _case({"en": "causal mask, no batch", "zh": "因果掩码，无批量维度"}, q, k, v, mask=causal, visible=True)
    )

    q, k, v = _qkv(rng, (), int(rng.integers(2, 7)), int(rng.integers(2, 7)), int(rng.integers(1, 9)), 3)
    cases.append(_case({"en": "no batch dimension, no mask", "zh": "无批量维度，无掩码"}, q, k, v))

    batch = (int(rng.integers(2, 4)),)
    q, k, v = _qkv(rng, batch, 5, 7, 8, 4)
    name = {"en": "one batch dimension, cross-attention (L_q != L_k)", "zh": "一个批量维度，交叉注意力（L_q != L_k）"}
    cases.append(_case(name, q, k, v))

    batch = (2, 3)
    q, k, v = _qkv(rng, batch, 6, 6, 4, 5)
    # (name, mask shape): one draw of q, k, v under masks of several broadcast shapes.
    masks = [
        ({"en": "two batch dimensions", "zh": "两个批量维度"}, None),
        ({"en": "two batch dimensions, one mask for all (L_q, L_k)", "zh": "两个批量维度，所有批量共用一个掩码 (L_q, L_k)"}, (6, 6)),
        ({"en": "two batch dimensions, mask broadcast over the second (2, 1, L_q, L_k)", "zh": "两个批量维度，掩码沿第二个批量维度广播 (2, 1, L_q, L_k)"}, (2, 1, 6, 6)),
        ({"en": "full-shape mask (2, 3, L_q, L_k)", "zh": "完整形状的掩码 (2, 3, L_q, L_k)"}, (2, 3, 6, 6)),
    ]  # fmt: skip
    for name, shape in masks:
        options = {} if shape is None else {"mask": random_mask(rng, shape)}
        cases.append(_case(name, q, k, v, **options))

    q, k, v = _qkv(rng, (3,), 5, 5, 16, 4, scale=40.0)
    cases.append(_case({"en": "large logits (scores in the thousands)", "zh": "很大的 logits（分数上千）"}, q, k, v))
    name = {"en": "large logits with a causal mask", "zh": "很大的 logits 加因果掩码"}
    cases.append(_case(name, q, k, v, mask=np.tril(np.ones((5, 5), dtype=bool))))

    q, k, v = _qkv(rng, (2,), 3, 1, 4, 2)
    cases.append(_case({"en": "a single key (L_k = 1)", "zh": "只有一个键（L_k = 1）"}, q, k, v))

    q, k, v = _qkv(rng, (2,), 1, 4, 1, 3)
    cases.append(_case({"en": "d_k = 1 and a single query", "zh": "d_k = 1 且只有一个查询"}, q, k, v))
    return with_hints(cases, HINTS)
