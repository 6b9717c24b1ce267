"""Cases for transformer-block: pre-norm and post-norm, with and without a causal mask, batches, one head and
several, random weights in torch's TransformerEncoderLayer layout (so a transposed weight shows)."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

FN = "transformer_block"


def _identity_params(d_model, d_ff):
    eye = np.eye(d_model)
    return {
        "self_attn.in_proj_weight": np.vstack([eye, eye, eye]),
        "self_attn.in_proj_bias": np.zeros(3 * d_model),
        "self_attn.out_proj.weight": eye.copy(),
        "self_attn.out_proj.bias": np.zeros(d_model),
        "linear1.weight": np.eye(d_ff, d_model),
        "linear1.bias": np.zeros(d_ff),
        "linear2.weight": np.eye(d_model, d_ff),
        "linear2.bias": np.zeros(d_model),
        "norm1.weight": np.ones(d_model),
        "norm1.bias": np.zeros(d_model),
        "norm2.weight": np.ones(d_model),
        "norm2.bias": np.zeros(d_model),
    }


def _random_params(rng, d_model, d_ff):
    scale = 1.0 / np.sqrt(d_model)
    return {
        "self_attn.in_proj_weight": rng.normal(size=(3 * d_model, d_model)) * scale,
        "self_attn.in_proj_bias": rng.normal(size=3 * d_model) * 0.1,
        "self_attn.out_proj.weight": rng.normal(size=(d_model, d_model)) * scale,
        "self_attn.out_proj.bias": rng.normal(size=d_model) * 0.1,
        "linear1.weight": rng.normal(size=(d_ff, d_model)) * scale,
        "linear1.bias": rng.normal(size=d_ff) * 0.1,
        "linear2.weight": rng.normal(size=(d_model, d_ff)) / np.sqrt(d_ff),
        "linear2.bias": rng.normal(size=d_model) * 0.1,
        "norm1.weight": 1.0 + rng.normal(size=d_model) * 0.2,
        "norm1.bias": rng.normal(size=d_model) * 0.1,
        "norm2.weight": 1.0 + rng.normal(size=d_model) * 0.2,
        "norm2.bias": rng.normal(size=d_model) * 0.1,
    }


LAYOUT = {
    "en": "weights follow torch's Linear: y = x @ W.T + b; the packed in_proj_weight holds W_q, W_k, W_v in that order of rows",
    "zh": "权重遵循 torch 的 Linear 约定：y = x @ W.T + b；打包的 in_proj_weight 按行依次是 W_q、W_k、W_v",
}
PRE_NORM = {
    "en": "pre-norm: x + attn(LN1(x)), then + ffn(LN2(.)); the residual adds the un-normalised input",
    "zh": "前置归一化：x + attn(LN1(x))，再 + ffn(LN2(.))；残差加的是未归一化的输入",
}
POST_NORM = {
    "en": "post-norm: LN1(x + attn(x)), then LN2(h + ffn(h)); the normalisation comes after each residual sum",
    "zh": "后置归一化：LN1(x + attn(x))，再 LN2(h + ffn(h))；归一化在每个残差相加之后",
}
DETAILS = {
    "en": "LayerNorm uses the biased variance and eps = 1e-5 inside the square root; GELU is the exact 0.5 x (1 + erf(x / sqrt 2))",
    "zh": "LayerNorm 使用有偏方差，eps = 1e-5 放在平方根里；GELU 是精确形式 0.5 x (1 + erf(x / sqrt 2))",
}

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "random weights, pre-norm, causal": {
        "en": "with causal=True position i attends only to positions 0..i",
        "zh": "causal=True 时位置 i 只关注位置 0..i",
    },
    "random weights, pre-norm": LAYOUT,
    "random weights, post-norm": POST_NORM,
    "a batch of sequences": {
        "en": "x may have a leading batch axis: each sequence is processed independently",
        "zh": "x 可能有一个批次轴：每个序列各自独立处理",
    },
    "input far from zero mean": PRE_NORM,
    "a single head": LAYOUT,
    "a wide feed-forward layer": DETAILS,
    "d_model not divisible by n_heads": {
        "en": "raise ValueError when d_model is not divisible by n_heads",
        "zh": "d_model 不能被 n_heads 整除时抛出 ValueError",
    },
}
EXAMPLE = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 0.0, 0.0, 2.0]])
_case = case_maker(FN)


def make_cases(rng):
    identity = _identity_params(4, 4)
    statement_examples = (
        ({"en": "statement example, pre-norm", "zh": "题目示例，前置归一化"}, {}),
        (
            {"en": "statement example, pre-norm with a causal mask", "zh": "题目示例，前置归一化加因果掩码"},
            {"causal": True},
        ),
        ({"en": "statement example, post-norm", "zh": "题目示例，后置归一化"}, {"norm_first": False}),
    )
    cases = [_case(name, EXAMPLE, identity, 2, visible=True, **options) for name, options in statement_examples]
    n_heads = int(rng.integers(2, 5))
    d_model = n_heads * int(rng.integers(2, 5))
    d_ff = 4 * d_model
    seq = int(rng.integers(3, 8))
    params = _random_params(rng, d_model, d_ff)
    for name, options in (
        ({"en": "random weights, pre-norm", "zh": "随机权重，前置归一化"}, {}),
        ({"en": "random weights, post-norm", "zh": "随机权重，后置归一化"}, {"norm_first": False}),
        (
            {"en": "random weights, pre-norm, causal (a GPT block)", "zh": "随机权重，前置归一化，因果（GPT 的层）"},
            {"causal": True},
        ),
    ):
        cases.append(_case(name, rng.normal(size=(seq, d_model)), params, n_heads, **options))
    cases += [
        _case(
            {"en": "a batch of sequences", "zh": "一批序列"},
            rng.normal(size=(3, seq, d_model)),
            params,
            n_heads,
            causal=bool(rng.integers(0, 2)),
        ),
        _case(
            {"en": "input far from zero mean", "zh": "均值远离零的输入"},
            rng.normal(size=(seq, d_model)) * 5.0 + 20.0,
            params,
            n_heads,
        ),
        _case(
            {"en": "a single head", "zh": "单个注意力头"},
            rng.normal(size=(seq, d_model)),
            _random_params(rng, d_model, d_ff),
            1,
            norm_first=False,
            causal=True,
        ),
        _case(
            {"en": "a wide feed-forward layer", "zh": "很宽的前馈层"},
            rng.normal(size=(4, 8)) * 2.0,
            _random_params(rng, 8, 64),
            4,
        ),
        _case(
            raises_value_error("d_model not divisible by n_heads", "d_model 不能被 n_heads 整除"),
            rng.normal(size=(3, 6)),
            _random_params(rng, 6, 12),
            4,
        ),
    ]
    return with_hints(cases, HINTS)
