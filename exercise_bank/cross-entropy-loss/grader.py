"""Cases for cross-entropy-loss: the statement's examples shown; large logits, ignored targets, class weights,
bad targets and random batches hidden, for the loss and for its gradient."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE = (np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]), np.array([2, 0]))
STABLE = {
    "en": "log softmax = x - max(x) - log(sum(exp(x - max(x)))): never take the log of a softmax that underflowed",
    "zh": "log softmax = x - max(x) - log(sum(exp(x - max(x))))：不要对已经下溢的 softmax 取对数",
}
IGNORED = {
    "en": "an ignored target adds nothing to the loss and does not count in the mean's denominator",
    "zh": "被忽略的目标不计入损失，也不计入求平均时的分母",
}
WEIGHTED = {
    "en": "with class weights the mean divides by the sum of the weights of the targets, not by N",
    "zh": "有类别权重时，平均值要除以各目标所属类别的权重之和，而不是 N",
}
INDEX_ERROR = {"en": "raise IndexError", "zh": "抛出 IndexError"}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "logits in the thousands": STABLE,
    "ignored targets in the mean": IGNORED,
    "ignored targets with reduction='none'": {"en": "an ignored row's loss is 0", "zh": "被忽略行的损失为 0"},
    "a custom ignore_index": IGNORED,
    "every target ignored": {
        "en": "the mean of no targets is 0 / 0 = nan",
        "zh": "没有任何目标时，平均值是 0 / 0 = nan",
    },
    "class weights, mean": WEIGHTED,
    "a target out of range": INDEX_ERROR,
    "batch sizes differ": RAISE_VALUE_ERROR,
    "an unknown reduction": RAISE_VALUE_ERROR,
    "gradient of a batch": {
        "en": "the loss is a mean over the batch, so each row's softmax - onehot is divided by N",
        "zh": "损失是整批的平均，所以每一行的 softmax - onehot 都要除以 N",
    },
    "gradient with logits in the thousands": STABLE,
    "gradient with ignored targets": {
        "en": "ignored rows get a zero gradient, and N counts only the other rows",
        "zh": "被忽略的行梯度为 0，N 只计其余的行",
    },
    "gradient with class weights": WEIGHTED,
    "gradient: a target out of range": INDEX_ERROR,
}


def _batch(rng, n, c, scale=3.0):
    return rng.normal(scale=scale, size=(n, c)), rng.integers(0, c, size=n)


_loss = case_maker("cross_entropy", rtol=1e-7)
_grad = case_maker("cross_entropy_grad", rtol=1e-7, atol=1e-12)


def _loss_cases(rng):
    x, t = _batch(rng, 6, 4)
    ignored = t.copy()
    ignored[[1, 4]] = -100
    xw, tw = _batch(rng, 8, 3)
    weight = rng.uniform(0.2, 3.0, size=3)
    cases = [
        _loss({"en": "example: mean", "zh": "示例：mean"}, *EXAMPLE, visible=True),
        _loss({"en": "example: sum", "zh": "示例：sum"}, *EXAMPLE, reduction="sum", visible=True),
        _loss({"en": "example: none", "zh": "示例：none"}, *EXAMPLE, reduction="none", visible=True),
        _loss(
            {"en": "example: an ignored target", "zh": "示例：一个被忽略的目标"},
            EXAMPLE[0],
            np.array([2, -100]),
            visible=True,
        ),
    ]
    # (English name, Chinese name, logits, targets, keyword arguments), drawn in this order
    rows = [
        ("logits in the thousands", "数千量级的 logits", rng.normal(scale=2000.0, size=(5, 4)), rng.integers(0, 4, size=5), {}),
        ("ignored targets in the mean", "求平均时的被忽略目标", x, ignored, {}),
        ("ignored targets with reduction='none'", "reduction='none' 时的被忽略目标", x, ignored, {"reduction": "none"}),
        ("a custom ignore_index that is a real class", "ignore_index 取一个真实存在的类别", x, t, {"ignore_index": int(t[0])}),
        ("every target ignored", "所有目标都被忽略", x[:2], np.array([-100, -100]), {}),
        ("class weights, mean", "类别权重，mean", xw, tw, {"weight": weight}),
        ("class weights, sum", "类别权重，sum", xw, tw, {"reduction": "sum", "weight": weight}),
        ("a target out of range", "目标超出类别范围", x[:3], np.array([0, 4, 1]), {}),
        ("batch sizes differ", "批大小不一致", x[:3], np.array([0, 1]), {}),
        ("an unknown reduction", "未知的 reduction", *EXAMPLE, {"reduction": "avg"}),
    ]  # fmt: skip
    return cases + [_loss({"en": en, "zh": zh}, *batch, **kwargs) for en, zh, *batch, kwargs in rows]


def _grad_cases(rng):
    x, t = _batch(rng, 6, 5)
    ignored = t.copy()
    ignored[[0, 3]] = -100
    weight = rng.uniform(0.2, 3.0, size=5)
    # (English name, Chinese name, logits, targets, keyword arguments), drawn in this order
    rows = [
        ("gradient of a batch: divided by N", "一个批次的梯度：要除以 N", *_batch(rng, 7, 3), {}),
        ("gradient with logits in the thousands", "数千量级 logits 的梯度", *_batch(rng, 4, 3, scale=2000.0), {}),
        ("gradient with ignored targets", "有被忽略目标时的梯度", x, ignored, {}),
        ("gradient with class weights", "有类别权重时的梯度", x, t, {"weight": weight}),
        ("gradient: a target out of range", "梯度：目标超出类别范围", x[:2], np.array([1, 5]), {}),
    ]
    return [
        _grad({"en": "example: gradient", "zh": "示例：梯度"}, *EXAMPLE, visible=True),
        *(_grad({"en": en, "zh": zh}, *batch, **kwargs) for en, zh, *batch, kwargs in rows),
    ]


def make_cases(rng):
    cases = _loss_cases(rng) + _grad_cases(rng)
    for i in range(2):
        n, c = int(rng.integers(1, 40)), int(rng.integers(2, 12))
        x, t = _batch(rng, n, c, scale=float(rng.uniform(0.5, 8.0)))
        cases.append(_loss({"en": f"random batch {i + 1}", "zh": f"随机批次 {i + 1}"}, x, t))
        cases.append(_grad({"en": f"gradient of random batch {i + 1}", "zh": f"随机批次 {i + 1} 的梯度"}, x, t))
    return with_hints(cases, HINTS)
