"""Cases for multi-head-attention: batch dimensions, several head counts, masks, a bad head count."""

import numpy as np

from gpu_runner.graders.attention import random_mask
from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints


def _weights(rng, d_model):
    return tuple(rng.normal(size=(d_model, d_model)) / np.sqrt(d_model) for _ in range(4))


# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "no batch, d_model=8, 1 head": {
        "en": "with one head, d_head = d_model and the result is attention followed by w_o",
        "zh": "只有一个头时 d_head = d_model，结果就是注意力之后再乘 w_o",
    },
    "no batch": {
        "en": "head j uses the consecutive columns j*d_head:(j+1)*d_head, scaled by 1/sqrt(d_head)",
        "zh": "第 j 个头使用连续的列 j*d_head:(j+1)*d_head，并按 1/sqrt(d_head) 缩放",
    },
    "one batch dimension, 4 heads": {
        "en": "split the last axis into (num_heads, d_head) and keep the batch dimensions in front",
        "zh": "把最后一个轴拆成 (num_heads, d_head)，批量维度保持在前面",
    },
    "one batch dimension, 3 heads, per-example mask": {
        "en": "the mask applies to every head: add a head axis, mask[..., None, :, :]",
        "zh": "掩码作用于每个头：加一个头的轴，mask[..., None, :, :]",
    },
    "two batch dimensions": {
        "en": "any number of leading batch dimensions; one (seq, seq) mask broadcasts over all of them",
        "zh": "前面可以有任意多个批量维度；一个 (seq, seq) 掩码会广播到所有批量上",
    },
    "a single token": {"en": "with seq = 1 every attention weight is 1", "zh": "seq = 1 时每个注意力权重都是 1"},
    "large activations": {
        "en": "subtract each row's maximum score before np.exp",
        "zh": "调用 np.exp 之前先减去每行的最大分数",
    },
    "d_model=6 with 4 heads": {
        "en": "raise ValueError when d_model is not divisible by num_heads",
        "zh": "d_model 不能被 num_heads 整除时抛出 ValueError",
    },
}


_case = case_maker("multi_head_attention")


def make_cases(rng):
    eye = np.eye(2)
    name = {"en": "statement example (two heads of width 1)", "zh": "题目示例（两个宽度为 1 的头）"}
    cases = [_case(name, np.array([[1.0, 0.0], [0.0, 1.0]]), eye, eye, eye, eye, 2, visible=True)]
    x = rng.normal(size=(4, 6))
    name = {"en": "seq=4, d_model=6, 3 heads, causal mask", "zh": "seq=4，d_model=6，3 个头，因果掩码"}
    cases.append(_case(name, x, *_weights(rng, 6), 3, mask=np.tril(np.ones((4, 4), dtype=bool)), visible=True))
    x = rng.normal(size=(5, 8))
    w = _weights(rng, 8)
    for heads in (1, 2, 4, 8):
        name = {"en": f"no batch, d_model=8, {heads} head(s)", "zh": f"无批量维度，d_model=8，{heads} 个头"}
        cases.append(_case(name, x, *w, heads))
    x = rng.normal(size=(3, 6, 12))
    w = _weights(rng, 12)
    cases.append(_case({"en": "one batch dimension, 4 heads", "zh": "一个批量维度，4 个头"}, x, *w, 4))
    name = {
        "en": "one batch dimension, 3 heads, per-example mask (batch, seq, seq)",
        "zh": "一个批量维度，3 个头，每个样本各自的掩码 (batch, seq, seq)",
    }
    cases.append(_case(name, x, *w, 3, mask=random_mask(rng, (3, 6, 6))))
    x = rng.normal(size=(2, 2, 5, 8))
    w = _weights(rng, 8)
    name = {
        "en": "two batch dimensions, 2 heads, one shared mask (seq, seq)",
        "zh": "两个批量维度，2 个头，共享一个掩码 (seq, seq)",
    }
    cases.append(_case(name, x, *w, 2, mask=random_mask(rng, (5, 5))))
    x = rng.normal(size=(1, 16)) * 3.0
    cases.append(_case({"en": "a single token", "zh": "只有一个词元"}, x, *_weights(rng, 16), 4))
    x = rng.normal(size=(2, 5, 8)) * 30.0
    name = {"en": "large activations (stable softmax needed)", "zh": "很大的激活值（需要数值稳定的 softmax）"}
    cases.append(_case(name, x, *_weights(rng, 8), 2))
    x = rng.normal(size=(3, 6))
    name = raises_value_error("d_model=6 with 4 heads", "d_model=6 配 4 个头")
    cases.append(_case(name, x, *_weights(rng, 6), 4))
    return with_hints(cases, HINTS)
