"""Cases for skipgram-negative-sampling: the statement's examples shown; repeated negatives, a negative that is
the context word, no negatives, huge dot products, bad indices and random vocabularies hidden."""

import numpy as np

from gpu_runner.graders.case_texts import not_a_tuple
from gpu_runner.graders.code import case_maker, diff, with_hints

W_IN = np.array([[0.1, 0.2], [0.3, -0.1], [0.0, 0.5], [-0.2, 0.1]])
W_OUT = np.array([[0.2, 0.1], [-0.1, 0.4], [0.3, 0.3], [0.5, -0.2]])
ACCUMULATE = {
    "en": "a word drawn more than once gets the sum of its contributions; W[idx] = ... with repeated idx keeps only one",
    "zh": "被抽中多次的词要把各次贡献加起来；用 W[idx] = ... 赋值时重复的下标只会保留一次",
}
RAISE = {"en": "raise IndexError", "zh": "抛出 IndexError"}
PARTS = (
    ("the loss", "损失"),
    ("the gradient for W_in", "W_in 的梯度"),
    ("the gradient for W_out", "W_out 的梯度"),
)

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a negative drawn three times": ACCUMULATE,
    "a negative that is the context word": ACCUMULATE,
    "no negatives": {"en": "with k = 0 only the positive term remains", "zh": "k = 0 时只剩正样本那一项"},
    "the center word is its own context": {
        "en": "W_in and W_out are separate matrices: row `center` of each gets its own gradient",
        "zh": "W_in 与 W_out 是两个不同的矩阵：各自的第 center 行分别得到自己的梯度",
    },
    "dot products in the thousands": {
        "en": "-log σ(x) = log(1 + e^(-x)): compute it with np.logaddexp(0, -x), never as log(sigmoid(x))",
        "zh": "-log σ(x) = log(1 + e^(-x))：用 np.logaddexp(0, -x) 计算，不要写成 log(sigmoid(x))",
    },
    "a negative outside the vocabulary": RAISE,
    "a negative index below 0": RAISE,
    "a center word outside the vocabulary": RAISE,
}

_case = case_maker("sgns_loss_and_grads", rtol=1e-7, atol=1e-10)


def _random(rng, vocabulary, dim, k, scale=0.5):
    W_in = rng.normal(scale=scale, size=(vocabulary, dim))
    W_out = rng.normal(scale=scale, size=(vocabulary, dim))
    center, context = (int(i) for i in rng.integers(0, vocabulary, size=2))
    negatives = [int(i) for i in rng.integers(0, vocabulary, size=k)]
    return W_in, W_out, center, context, negatives


def make_cases(rng):
    cases = [
        _case({"en": "example: two negatives", "zh": "示例：两个负样本"}, W_IN, W_OUT, 1, 2, [0, 3], visible=True),
        _case({"en": "example: a negative drawn twice", "zh": "示例：同一个负样本被抽中两次"}, W_IN, W_OUT, 1, 2, [3, 3], visible=True),
    ]  # fmt: skip
    W_in, W_out, center, context, _ = _random(rng, 12, 6, 0)
    repeated = [int(rng.integers(0, 12))] * 3 + [int(i) for i in rng.integers(0, 12, size=2)]
    # (name, (W_in, W_out, center, context, negatives))
    rows = [
        ({"en": "a negative drawn three times", "zh": "一个负样本被抽中三次"}, (W_in, W_out, center, context, repeated)),
        ({"en": "a negative that is the context word", "zh": "负样本恰好是上下文词"}, (W_in, W_out, center, context, [context, (context + 1) % 12])),
        ({"en": "no negatives", "zh": "没有负样本"}, (W_in, W_out, center, context, [])),
        ({"en": "the center word is its own context", "zh": "中心词就是它自己的上下文"}, (W_in, W_out, center, center, [int(i) for i in rng.integers(0, 12, size=3)])),
        ({"en": "dot products in the thousands", "zh": "点积达到数千"}, _random(rng, 10, 8, 4, scale=30.0)),
        ({"en": "a negative outside the vocabulary", "zh": "负样本超出词表"}, (W_IN, W_OUT, 1, 2, [0, 4])),
        ({"en": "a negative index below 0", "zh": "负样本下标小于 0"}, (W_IN, W_OUT, 1, 2, [-1])),
        ({"en": "a center word outside the vocabulary", "zh": "中心词超出词表"}, (W_IN, W_OUT, 7, 2, [0])),
    ]  # fmt: skip
    cases += [_case(name, *args) for name, args in rows]
    for i, (vocabulary, dim, k) in enumerate(((30, 10, 5), (300, 50, 15))):
        name = {
            "en": f"random vocabulary {i + 1}: V={vocabulary}, d={dim}, k={k}",
            "zh": f"随机词表 {i + 1}：V={vocabulary}，d={dim}，k={k}",
        }
        cases.append(_case(name, *_random(rng, vocabulary, dim, k)))
    return with_hints(cases, HINTS)


def check(case, expected, got):
    """Names which of the three results is wrong (the default would say only `[1]`)."""
    if wrong_shape := not_a_tuple(got, ("loss", "grad_W_in", "grad_W_out")):
        return wrong_shape
    for (en, zh), e, g in zip(PARTS, expected, got):
        mismatch = diff(e, g, rtol=case.rtol, atol=case.atol)
        if mismatch is not None:
            if case.visible:
                return {"en": f"{en} is wrong: {mismatch.message()}", "zh": f"{zh}不对：{mismatch.message()}"}
            return {"en": f"{en} is wrong: {mismatch.reason}", "zh": f"{zh}不对：{mismatch.reason}"}
    return None
