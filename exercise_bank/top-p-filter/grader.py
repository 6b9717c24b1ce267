"""Cases for top-p-filter: the nucleus boundary, ties at it, p = 0 and p = 1, batches, -inf, large logits, bad p.

Every random p is drawn away from the rows' cumulative probabilities (by more than 1e-6), so a correct
solution that sums in another order (ascending, like transformers) never lands on the other side of a
boundary by rounding.
"""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

FN = "top_p_filter"


def _cumulative(logits):
    rows = np.asarray(logits, dtype=np.float64).reshape(-1, np.shape(logits)[-1])
    ordered = -np.sort(-rows, axis=-1)
    exp = np.exp(ordered - ordered[:, :1])
    return np.cumsum(exp / exp.sum(axis=-1, keepdims=True), axis=-1)


def _safe_p(rng, logits, low=0.05, high=0.98):
    """A p in [low, high] at least 1e-6 away from every cumulative probability of every row."""
    cumulative = _cumulative(logits).ravel()
    for _ in range(1000):
        p = float(rng.uniform(low, high))
        if np.min(np.abs(cumulative - p)) > 1e-6:
            return p
    raise RuntimeError("no safe p found")


def _boundary_tie(rng, at_top):
    """An integer-valued row with a tie where the nucleus ends, and a p that ends it inside the tie."""
    while True:
        row = rng.integers(-3, 4, size=12).astype(np.float64)
        ordered = -np.sort(-row)
        cumulative = _cumulative(row)[0]
        tied = [i for i in range(len(ordered) - 1) if ordered[i] == ordered[i + 1] and ordered[i] > ordered[-1]]
        if at_top:
            tied = [i for i in tied if i == 0]
        else:
            tied = [i for i in tied if i > 0 and ordered[i - 1] != ordered[i]]
        if not tied:
            continue
        i = tied[0]
        low = cumulative[i - 1] if i > 0 else 0.0
        # p between the mass before the tie and the mass of its first member: one tied token would suffice.
        p = float(low + (cumulative[i] - low) * rng.uniform(0.2, 0.8))
        return row, p


_case = case_maker(FN)
BAD_P = {"en": "raise ValueError unless 0 <= p <= 1", "zh": "除非 0 <= p <= 1，否则抛出 ValueError"}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "the token that crosses p is kept": {
        "en": (
            "keep tokens while the probability mass BEFORE them is below p: the token that makes the total "
            "reach p belongs to the nucleus"
        ),
        "zh": "只要某个词之前的累计概率还小于 p，这个词就要保留：使累计值达到 p 的那个词也属于核",
    },
    "p = 0 keeps only the most likely token": {
        "en": "the most likely token is always kept, even when p = 0",
        "zh": "概率最高的词总是保留，即使 p = 0",
    },
    "p = 1 keeps every token": {
        "en": "with p = 1 every token with non-zero probability is needed",
        "zh": "p = 1 时，所有概率不为零的词都需要保留",
    },
    "a small p": {
        "en": "sort each row by probability, highest first, and add probabilities until the running total reaches p",
        "zh": "把每一行按概率从高到低排序，逐个累加概率，直到累计值达到 p",
    },
    "a batch of rows": {
        "en": "sort, softmax and accumulate along the last axis only; each row gets its own threshold",
        "zh": "只沿最后一个轴排序、softmax 和累加；每一行有自己的阈值",
    },
    "two batch dimensions": {
        "en": "work along axis=-1 whatever the leading dimensions are",
        "zh": "无论前面有几个维度，都沿 axis=-1 计算",
    },
    "a tie at the boundary": {
        "en": "a token whose logit equals the smallest kept logit is kept too, even if the nucleus was already complete",
        "zh": "logit 等于被保留的最小 logit 的词也要保留，即使核已经凑够了概率",
    },
    "many ties": {
        "en": "equal logits have equal probabilities: keep every token whose logit is >= the smallest kept logit",
        "zh": "相等的 logit 概率相同：保留 logit 大于等于被保留最小 logit 的所有词",
    },
    "large logits": {
        "en": "subtract each row's maximum before np.exp, or exp overflows to inf and the probabilities become nan",
        "zh": "在 np.exp 之前减去每行的最大值，否则 exp 会溢出为 inf，概率变成 nan",
    },
    "rows that already contain -inf": {
        "en": "-inf has probability 0: it stays -inf and the others are filtered as usual",
        "zh": "-inf 的概率为 0：它保持 -inf，其他词照常过滤",
    },
    "logits that are not probabilities": {
        "en": "accumulate softmax probabilities, not the raw logits, in descending order of probability",
        "zh": "按概率从高到低累加 softmax 概率，而不是原始 logits",
    },
    "a single-token vocabulary": {"en": "with one token the row is kept", "zh": "只有一个词时整行保留"},
    "p < 0 raises": BAD_P,
    "p > 1 raises": BAD_P,
}


def make_cases(rng):
    cases = [
        _case(
            {"en": "statement example, one row", "zh": "题目示例，一行"},
            np.array([2.0, 1.0, 0.0, -1.0]),
            0.9,
            visible=True,
        ),
        _case(
            {"en": "statement example, a tie at the boundary", "zh": "题目示例，边界上的并列"},
            np.array([[2.0, 1.0, 1.0, 0.0], [0.0, -5.0, 4.0, 1.0]]),
            0.7,
            visible=True,
        ),
    ]
    vocab = int(rng.integers(12, 60))
    row = rng.normal(size=vocab) * rng.uniform(1.0, 3.0)
    cases += [
        _case(
            {"en": "the token that crosses p is kept", "zh": "使累计值越过 p 的词被保留"},
            row,
            _safe_p(rng, row, 0.3, 0.9),
        ),
        _case({"en": "p = 0 keeps only the most likely token", "zh": "p = 0 只保留概率最高的词"}, row, 0.0),
        _case({"en": "p = 1 keeps every token", "zh": "p = 1 保留所有词"}, row, 1.0),
        _case({"en": "a small p", "zh": "较小的 p"}, row, _safe_p(rng, row, 0.01, 0.2)),
    ]

    batch = rng.normal(size=(int(rng.integers(3, 7)), vocab)) * rng.uniform(0.3, 4.0, size=(1, 1))
    batch *= rng.uniform(0.2, 5.0, size=(batch.shape[0], 1))  # peaked and flat rows side by side
    cases.append(
        _case(
            {"en": "a batch of rows (each row has its own nucleus)", "zh": "一批多行（每行有自己的核）"},
            batch,
            _safe_p(rng, batch),
        )
    )
    three = rng.normal(size=(2, 3, 17)) * 2.0
    cases.append(_case({"en": "two batch dimensions", "zh": "两个批次维度"}, three, _safe_p(rng, three)))

    for where, where_zh in (("at the top", "在最高处"), ("in the middle", "在中间")):
        tied, p = _boundary_tie(rng, at_top=where == "at the top")
        name = {
            "en": f"a tie at the boundary ({where}) keeps every tied token",
            "zh": f"边界上的并列（{where_zh}）保留所有并列的词",
        }
        cases.append(_case(name, tied, p))
    ties = rng.integers(-3, 4, size=(5, 10)).astype(np.float64)
    cases.append(
        _case(
            {"en": "many ties (integer-valued logits)", "zh": "大量并列（整数值 logits）"},
            ties,
            _safe_p(rng, ties, 0.3, 0.95),
        )
    )

    large = rng.normal(size=(3, 25)) * 2.0 + rng.uniform(800.0, 2000.0)  # shift-invariant, but exp overflows
    cases.append(
        _case(
            {"en": "large logits (all near 1000)", "zh": "很大的 logits（都接近 1000）"},
            large,
            _safe_p(rng, large, 0.9, 0.98),
        )
    )
    with_inf = rng.normal(size=(2, 9))
    with_inf[:, rng.choice(9, size=3, replace=False)] = -np.inf
    positive = np.abs(row) + 1.0
    cases += [
        _case({"en": "rows that already contain -inf", "zh": "已经包含 -inf 的行"}, with_inf, _safe_p(rng, with_inf)),
        _case(
            {
                "en": "logits that are not probabilities (all positive, unsorted)",
                "zh": "不是概率的 logits（全为正，未排序）",
            },
            positive,
            _safe_p(rng, positive, 0.2, 0.8),
        ),
        _case(
            {"en": "a single-token vocabulary", "zh": "只有一个词的词表"},
            rng.normal(size=(3, 1)),
            float(rng.uniform(0.1, 0.9)),
        ),
        _case(raises_value_error("p < 0", "p < 0 "), row, -0.1),
        _case(raises_value_error("p > 1", "p > 1 "), row, 1.5),
    ]
    return with_hints(cases, HINTS)
