"""Cases for top-k-filter: batches, ties at the threshold, k = 1 and k = vocab, -inf inputs, bad k."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

BAD_K = {
    "en": "raise ValueError unless 1 <= k <= logits.shape[-1]",
    "zh": "除非 1 <= k <= logits.shape[-1]，否则抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "k = 1": {
        "en": "keep only the largest value of each row (and any value tied with it)",
        "zh": "每行只保留最大值（以及与它相等的值）",
    },
    "k = vocab": {"en": "with k equal to the row length nothing is removed", "zh": "k 等于行长度时什么都不去掉"},
    "random k": {
        "en": "keep the values >= the k-th largest, replace the others by -inf (not 0)",
        "zh": "保留大于等于第 k 大值的元素，其余替换为 -inf（不是 0）",
    },
    "a batch of rows": {
        "en": "each row has its own threshold: sort along axis=-1, not over the whole array",
        "zh": "每一行有自己的阈值：沿 axis=-1 排序，而不是对整个数组排序",
    },
    "two batch dimensions": {
        "en": "work along the last axis only, whatever the leading dimensions",
        "zh": "无论前面有哪些维度，都只沿最后一个轴操作",
    },
    "many ties": {
        "en": "keep every value equal to the k-th largest, even if that keeps more than k values",
        "zh": "保留所有等于第 k 大值的元素，即使这样保留的多于 k 个",
    },
    "a constant row": {
        "en": "all values tie with the k-th largest, so all are kept",
        "zh": "所有值都与第 k 大的值相等，因此全部保留",
    },
    "large logits": {
        "en": "keep the original values unchanged; only the removed ones become -inf",
        "zh": "保留的值不做任何改变；只有被去掉的变成 -inf",
    },
    "rows that already contain -inf": {"en": "-inf counts like any other value", "zh": "-inf 和其他值一样参与比较"},
    "a single-token vocabulary": {
        "en": "with vocab = 1 and k = 1 the row is kept",
        "zh": "vocab = 1 且 k = 1 时整行保留",
    },
    "k = 0 raises": BAD_K,
    "k > vocab raises": BAD_K,
}


_case = case_maker("top_k_filter")


def make_cases(rng):
    cases = [
        _case({"en": "statement example, one row", "zh": "题目示例，一行"}, np.array([2.0, -1.0, 0.5, 3.0]), 2, visible=True),
        _case({"en": "statement example, ties at the threshold", "zh": "题目示例，阈值处有并列"}, np.array([[1.0, 3.0, 3.0, 2.0], [0.0, -5.0, 4.0, 1.0]]), 2, visible=True),
    ]  # fmt: skip
    vocab = int(rng.integers(10, 60))
    row = rng.normal(size=vocab) * 3.0
    cases.append(_case({"en": "k = 1 (greedy)", "zh": "k = 1（贪心）"}, row, 1))
    cases.append(_case({"en": "k = vocab keeps everything", "zh": "k = vocab 时全部保留"}, row, vocab))
    cases.append(_case({"en": "random k", "zh": "随机 k"}, row, int(rng.integers(2, vocab))))

    batch = rng.normal(size=(int(rng.integers(2, 6)), vocab))
    batch = batch * rng.uniform(0.1, 10.0, size=(batch.shape[0], 1))
    name = {"en": "a batch of rows (each row has its own threshold)", "zh": "多行批量（每行有自己的阈值）"}
    cases.append(_case(name, batch, int(rng.integers(2, 6))))
    cases.append(
        _case(
            {"en": "two batch dimensions", "zh": "两个批量维度"}, rng.normal(size=(2, 3, 17)), int(rng.integers(1, 18))
        )
    )

    ties = rng.integers(-3, 4, size=(4, 12)).astype(np.float64)
    for k in (2, 5):
        cases.append(
            _case(
                {"en": f"many ties (integer-valued logits), k = {k}", "zh": f"大量并列（整数值 logits），k = {k}"},
                ties,
                k,
            )
        )
    cases.append(_case({"en": "a constant row keeps everything", "zh": "常数行全部保留"}, np.full((2, 6), 1.5), 3))

    large = rng.normal(size=(3, 20)) * 1e4
    cases.append(_case({"en": "large logits", "zh": "很大的 logits"}, large, 4))
    with_inf = rng.normal(size=(2, 8))
    with_inf[:, :3] = -np.inf
    cases.append(_case({"en": "rows that already contain -inf", "zh": "已经含有 -inf 的行"}, with_inf, 6))
    cases.append(_case({"en": "a single-token vocabulary", "zh": "只有一个词元的词表"}, rng.normal(size=(3, 1)), 1))
    cases.append(_case(raises_value_error("k = 0", "k = 0 "), row, 0))
    cases.append(_case(raises_value_error("k > vocab", "k > vocab "), row, vocab + 1))
    return with_hints(cases, HINTS)
