"""Cases for lora-linear: the forward pass with and without a bias, batches, a fresh adapter (B = 0), rsLoRA's
scale, ranks 1 to full, merging and unmerging, and shapes that do not fit."""

import numpy as np

from gpu_runner.graders.code import Case

FORWARD, MERGE, UNMERGE = "lora_forward", "lora_merge", "lora_unmerge"

EXAMPLE = {
    "x": np.array([1.0, 2.0, 3.0]),
    "weight": np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
    "bias": np.array([0.5, -0.5]),
    "lora_a": np.array([[1.0, 1.0, 0.0]]),
    "lora_b": np.array([[2.0], [-1.0]]),
}


def _hint(en, zh):
    return {"en": en, "zh": zh}


SCALE = _hint(
    "the update is scaled by alpha / r, where r = lora_a.shape[0] (alpha / sqrt(r) with use_rslora)",
    "更新量乘以 alpha / r，其中 r = lora_a.shape[0]（use_rslora 时为 alpha / sqrt(r)）",
)
LAYOUT = _hint(
    "torch layout: weight (out, in), lora_a (r, in), lora_b (out, r); y = x @ W.T + b + scaling * (x @ A.T) @ B.T",
    "torch 布局：weight (out, in)，lora_a (r, in)，lora_b (out, r)；y = x @ W.T + b + scaling * (x @ A.T) @ B.T",
)
MERGED = _hint(
    "merging folds the update into the weight: W + scaling * (B @ A), an (out, in) matrix",
    "合并就是把更新量并入权重：W + scaling * (B @ A)，它是一个 (out, in) 矩阵",
)


def _layer(rng, in_features, out_features, r):
    return (
        rng.normal(size=(out_features, in_features)),
        rng.normal(size=out_features),
        rng.normal(size=(r, in_features)) / np.sqrt(in_features),
        rng.normal(size=(out_features, r)),
    )


def make_cases(rng):
    e = EXAMPLE
    cases = [
        Case(
            name={"en": "statement example: forward", "zh": "题目示例：前向计算"},
            fn=FORWARD,
            args=(e["x"], e["weight"], e["bias"], e["lora_a"], e["lora_b"], 2.0),
            visible=True,
        ),
        Case(
            name={"en": "statement example: merge", "zh": "题目示例：合并"},
            fn=MERGE,
            args=(e["weight"], e["lora_a"], e["lora_b"], 2.0),
            visible=True,
        ),
    ]
    in_f, out_f = int(rng.integers(6, 20)), int(rng.integers(3, 15))
    r = int(rng.integers(2, 5))
    weight, bias, lora_a, lora_b = _layer(rng, in_f, out_f, r)
    alpha = float(rng.choice([8.0, 16.0, 32.0]))
    x = rng.normal(size=(int(rng.integers(2, 6)), in_f))
    cases += [
        Case(
            name={"en": "forward, a batch of rows", "zh": "前向计算，一批多行"},
            fn=FORWARD,
            args=(x, weight, bias, lora_a, lora_b, alpha),
            hint=LAYOUT,
        ),
        Case(
            name={"en": "forward, leading batch and sequence axes", "zh": "前向计算，前面有批次轴和序列轴"},
            fn=FORWARD,
            args=(rng.normal(size=(2, 3, in_f)), weight, bias, lora_a, lora_b, alpha),
            hint=_hint(
                "x may be (..., in_features): multiply on the last axis",
                "x 的形状可以是 (..., in_features)：在最后一个轴上做矩阵乘法",
            ),
        ),
        Case(
            name={"en": "forward without a bias", "zh": "没有偏置的前向计算"},
            fn=FORWARD,
            args=(x, weight, None, lora_a, lora_b, alpha),
            hint=_hint("bias may be None: then there is no bias term", "bias 可以是 None：此时没有偏置项"),
        ),
        Case(
            name={
                "en": "a fresh adapter (B = 0) leaves the layer unchanged",
                "zh": "新初始化的适配器（B = 0）不改变该层",
            },
            fn=FORWARD,
            args=(x, weight, bias, lora_a, np.zeros_like(lora_b), alpha),
            hint=_hint(
                "LoRA starts with B = 0, so the adapted layer starts as the frozen layer",
                "LoRA 初始化时 B = 0，所以加了适配器的层一开始就等于冻结的原层",
            ),
        ),
        Case(
            name={"en": "forward, rank r with alpha / r", "zh": "前向计算，秩 r，缩放 alpha / r"},
            fn=FORWARD,
            args=(x, weight, bias, lora_a, lora_b, alpha),
            hint=SCALE,
        ),
        Case(
            name={"en": "forward with rsLoRA (alpha / sqrt(r))", "zh": "使用 rsLoRA 的前向计算（alpha / sqrt(r)）"},
            fn=FORWARD,
            args=(x, weight, bias, lora_a, lora_b, alpha),
            kwargs={"use_rslora": True},
            hint=SCALE,
        ),
        Case(name={"en": "merge", "zh": "合并"}, fn=MERGE, args=(weight, lora_a, lora_b, alpha), hint=MERGED),
        Case(
            name={"en": "merge with rsLoRA", "zh": "使用 rsLoRA 合并"},
            fn=MERGE,
            args=(weight, lora_a, lora_b, alpha),
            kwargs={"use_rslora": True},
            hint=SCALE,
        ),
    ]
    merged = weight + (alpha / r) * lora_b @ lora_a
    cases.append(
        Case(
            name={"en": "unmerge recovers the frozen weight", "zh": "取消合并后恢复冻结的权重"},
            fn=UNMERGE,
            args=(merged, lora_a, lora_b, alpha),
            hint=_hint(
                "unmerging subtracts exactly what merging added",
                "取消合并时减去的正好是合并时加上的量",
            ),
        )
    )
    w1, b1, a1, b_1 = _layer(rng, in_f, in_f, 1)
    cases.append(
        Case(
            name={"en": "rank 1, a square layer", "zh": "秩 1，方形层"},
            fn=FORWARD,
            args=(x, w1, b1, a1, b_1, 4.0),
            hint=SCALE,
        )
    )
    wf, _, af, b_f = _layer(rng, 5, 7, 5)
    cases.append(
        Case(
            name={"en": "full rank (r = in_features)", "zh": "满秩（r = in_features）"},
            fn=MERGE,
            args=(wf, af, b_f, 10.0),
            hint=MERGED,
        )
    )
    bad = _hint(
        "raise ValueError when lora_a is not (r, in_features) or lora_b is not (out_features, r)",
        "当 lora_a 不是 (r, in_features) 或 lora_b 不是 (out_features, r) 时，抛出 ValueError",
    )
    cases.append(
        Case(
            name={
                "en": "lora_a and lora_b of different ranks raise ValueError",
                "zh": "秩不同的 lora_a 和 lora_b 抛出 ValueError",
            },
            fn=FORWARD,
            args=(x, weight, bias, lora_a, rng.normal(size=(out_f, r + 1)), alpha),
            hint=bad,
        )
    )
    cases.append(
        Case(
            name={
                "en": "an adapter transposed (in, r) raises ValueError",
                "zh": "被转置为 (in, r) 的适配器抛出 ValueError",
            },
            fn=MERGE,
            args=(weight, lora_a.T, lora_b, alpha),
            hint=bad,
        )
    )
    return cases
