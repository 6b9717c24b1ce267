"""Cases for lora-linear: the forward pass with and without a bias, batches, a fresh adapter (B = 0), rsLoRA's
scale, ranks 1 to full, merging and unmerging, and shapes that do not fit."""

from typing import NamedTuple

import numpy as np

from gpu_runner.graders.code import case_maker, with_hints

FORWARD, MERGE, UNMERGE = "lora_forward", "lora_merge", "lora_unmerge"


class _Layer(NamedTuple):
    """A frozen linear layer and its LoRA adapter, in torch's layout."""

    weight: np.ndarray
    bias: np.ndarray | None
    lora_a: np.ndarray
    lora_b: np.ndarray


EXAMPLE_X = np.array([1.0, 2.0, 3.0])
EXAMPLE = _Layer(
    weight=np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
    bias=np.array([0.5, -0.5]),
    lora_a=np.array([[1.0, 1.0, 0.0]]),
    lora_b=np.array([[2.0], [-1.0]]),
)

SCALE = {
    "en": "the update is scaled by alpha / r, where r = lora_a.shape[0] (alpha / sqrt(r) with use_rslora)",
    "zh": "更新量乘以 alpha / r，其中 r = lora_a.shape[0]（use_rslora 时为 alpha / sqrt(r)）",
}
LAYOUT = {
    "en": "torch layout: weight (out, in), lora_a (r, in), lora_b (out, r); y = x @ W.T + b + scaling * (x @ A.T) @ B.T",
    "zh": "torch 布局：weight (out, in)，lora_a (r, in)，lora_b (out, r)；y = x @ W.T + b + scaling * (x @ A.T) @ B.T",
}
MERGED = {
    "en": "merging folds the update into the weight: W + scaling * (B @ A), an (out, in) matrix",
    "zh": "合并就是把更新量并入权重：W + scaling * (B @ A)，它是一个 (out, in) 矩阵",
}
BAD_SHAPES = {
    "en": "raise ValueError when lora_a is not (r, in_features) or lora_b is not (out_features, r)",
    "zh": "当 lora_a 不是 (r, in_features) 或 lora_b 不是 (out_features, r) 时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "forward, a batch of rows": LAYOUT,
    "forward, leading batch and sequence axes": {
        "en": "x may be (..., in_features): multiply on the last axis",
        "zh": "x 的形状可以是 (..., in_features)：在最后一个轴上做矩阵乘法",
    },
    "forward without a bias": {
        "en": "bias may be None: then there is no bias term",
        "zh": "bias 可以是 None：此时没有偏置项",
    },
    "a fresh adapter (B = 0)": {
        "en": "LoRA starts with B = 0, so the adapted layer starts as the frozen layer",
        "zh": "LoRA 初始化时 B = 0，所以加了适配器的层一开始就等于冻结的原层",
    },
    "forward, rank r with alpha / r": SCALE,
    "forward with rsLoRA": SCALE,
    "merge with rsLoRA": SCALE,
    "merge": MERGED,
    "unmerge recovers the frozen weight": {
        "en": "unmerging subtracts exactly what merging added",
        "zh": "取消合并时减去的正好是合并时加上的量",
    },
    "rank 1, a square layer": SCALE,
    "full rank": MERGED,
    "lora_a and lora_b of different ranks": BAD_SHAPES,
    "an adapter transposed": BAD_SHAPES,
}
_forward_case = case_maker(FORWARD)
_merge_case = case_maker(MERGE)
_unmerge_case = case_maker(UNMERGE)


def _forward(name, x, layer, alpha, **options):
    """The case `lora_forward(x, weight, bias, lora_a, lora_b, alpha)`."""
    return _forward_case(name, x, *layer, alpha, **options)


def _merge(name, layer, alpha, **options):
    """The case `lora_merge(weight, lora_a, lora_b, alpha)`."""
    return _merge_case(name, layer.weight, layer.lora_a, layer.lora_b, alpha, **options)


def _unmerge(name, layer, alpha, **options):
    """The case `lora_unmerge(weight, lora_a, lora_b, alpha)`, `layer.weight` being the merged weight."""
    return _unmerge_case(name, layer.weight, layer.lora_a, layer.lora_b, alpha, **options)


def _layer(rng, in_features, out_features, r):
    return _Layer(
        rng.normal(size=(out_features, in_features)),
        rng.normal(size=out_features),
        rng.normal(size=(r, in_features)) / np.sqrt(in_features),
        rng.normal(size=(out_features, r)),
    )


def make_cases(rng):
    cases = [
        _forward(
            {"en": "statement example: forward", "zh": "题目示例：前向计算"}, EXAMPLE_X, EXAMPLE, 2.0, visible=True
        ),
        _merge({"en": "statement example: merge", "zh": "题目示例：合并"}, EXAMPLE, 2.0, visible=True),
    ]
    in_f, out_f = int(rng.integers(6, 20)), int(rng.integers(3, 15))
    r = int(rng.integers(2, 5))
    layer = _layer(rng, in_f, out_f, r)
    alpha = float(rng.choice([8.0, 16.0, 32.0]))
    x = rng.normal(size=(int(rng.integers(2, 6)), in_f))
    cases += [
        _forward({"en": "forward, a batch of rows", "zh": "前向计算，一批多行"}, x, layer, alpha),
        _forward(
            {"en": "forward, leading batch and sequence axes", "zh": "前向计算，前面有批次轴和序列轴"},
            rng.normal(size=(2, 3, in_f)),
            layer,
            alpha,
        ),
        _forward({"en": "forward without a bias", "zh": "没有偏置的前向计算"}, x, layer._replace(bias=None), alpha),
        _forward(
            {"en": "a fresh adapter (B = 0) leaves the layer unchanged", "zh": "新初始化的适配器（B = 0）不改变该层"},
            x,
            layer._replace(lora_b=np.zeros_like(layer.lora_b)),
            alpha,
        ),
        _forward({"en": "forward, rank r with alpha / r", "zh": "前向计算，秩 r，缩放 alpha / r"}, x, layer, alpha),
        _forward(
            {"en": "forward with rsLoRA (alpha / sqrt(r))", "zh": "使用 rsLoRA 的前向计算（alpha / sqrt(r)）"},
            x,
            layer,
            alpha,
            use_rslora=True,
        ),
        _merge({"en": "merge", "zh": "合并"}, layer, alpha),
        _merge({"en": "merge with rsLoRA", "zh": "使用 rsLoRA 合并"}, layer, alpha, use_rslora=True),
        _unmerge(
            {"en": "unmerge recovers the frozen weight", "zh": "取消合并后恢复冻结的权重"},
            layer._replace(weight=layer.weight + (alpha / r) * layer.lora_b @ layer.lora_a),
            alpha,
        ),
    ]
    cases.append(_forward({"en": "rank 1, a square layer", "zh": "秩 1，方形层"}, x, _layer(rng, in_f, in_f, 1), 4.0))
    cases.append(
        _merge({"en": "full rank (r = in_features)", "zh": "满秩（r = in_features）"}, _layer(rng, 5, 7, 5), 10.0)
    )
    cases += [
        _forward(
            {
                "en": "lora_a and lora_b of different ranks raise ValueError",
                "zh": "秩不同的 lora_a 和 lora_b 抛出 ValueError",
            },
            x,
            layer._replace(lora_b=rng.normal(size=(out_f, r + 1))),
            alpha,
        ),
        _merge(
            {"en": "an adapter transposed (in, r) raises ValueError", "zh": "被转置为 (in, r) 的适配器抛出 ValueError"},
            layer._replace(lora_a=layer.lora_a.T),
            alpha,
        ),
    ]
    return with_hints(cases, HINTS)
