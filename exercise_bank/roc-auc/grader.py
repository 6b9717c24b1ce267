"""Cases for roc-auc: the statement's examples shown; ties, one class, bad input and 200,000 samples hidden."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker

TIES = {
    "en": "a (positive, negative) pair with equal scores counts 1/2, whatever order the samples come in",
    "zh": "分数相等的（正例，负例）对计 1/2，与样本的先后顺序无关",
}
ONE_CLASS = {
    "en": "with one class only there is no pair to rank: return nan",
    "zh": "只有一个类别时没有可比较的样本对：返回 nan",
}
SORT_ONCE = {
    "en": "comparing every positive with every negative is O(n²); sort the scores once instead",
    "zh": "把每个正例和每个负例逐一比较是 O(n²) 的；改为只对分数排序一次",
}
# (name, y_true, scores)
SHOWN = [
    ({"en": "example: no ties", "zh": "示例：没有并列"}, [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
    ({"en": "example: every score tied", "zh": "示例：所有分数都相同"}, [0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5]),
    ({"en": "example: some ties", "zh": "示例：部分并列"}, [1, 0, 1, 0, 1, 0], [0.9, 0.9, 0.4, 0.2, 0.4, 0.4]),
]
# (name, y_true, scores, hint)
SITUATIONS = [
    ({"en": "perfect ranking", "zh": "完美排序"}, [0, 0, 0, 1, 1], [-2.0, 0.1, 0.2, 0.3, 7.5], ""),
    ({"en": "inverted ranking", "zh": "完全颠倒的排序"}, [1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9], {"en": "label 1 is the positive class", "zh": "标签 1 是正类"}),
    ({"en": "positives listed before tied negatives", "zh": "并列时正例排在负例前面"}, [1, 1, 0, 0, 1, 0], [0.7, 0.3, 0.7, 0.3, 0.5, 0.1], TIES),
    ({"en": "negatives listed before tied positives", "zh": "并列时负例排在正例前面"}, [0, 0, 1, 1, 0, 1], [0.7, 0.3, 0.7, 0.3, 0.1, 0.5], TIES),
    ({"en": "only positives: undefined", "zh": "只有正例：无定义"}, [1, 1, 1], [0.2, 0.5, 0.1], ONE_CLASS),
    ({"en": "boolean labels", "zh": "布尔型标签"}, [True, False, True, False], [3.0, 1.0, 2.0, 2.0], ""),
    ({"en": "lengths differ", "zh": "长度不一致"}, [0, 1, 1], [0.2, 0.4], RAISE_VALUE_ERROR),
    ({"en": "empty input", "zh": "输入为空"}, np.zeros(0, dtype=np.int64), [], RAISE_VALUE_ERROR),
    ({"en": "a nan score", "zh": "分数中有 nan"}, [0, 1, 0], [0.2, float("nan"), 0.1], RAISE_VALUE_ERROR),
]  # fmt: skip

_roc_auc = case_maker("roc_auc", rtol=1e-9, atol=1e-12)


def _case(name, y_true, scores, **options):
    return _roc_auc(name, np.asarray(y_true), np.asarray(scores, dtype=np.float64), **options)


def _scored(rng, n, separation):
    """Labels with scores that rank positives higher on average; `separation` 0 is chance."""
    y = (rng.random(n) < rng.uniform(0.2, 0.8)).astype(np.int64)
    return y, rng.normal(size=n) + separation * y


def make_cases(rng):
    cases = [_case(name, y_true, scores, visible=True) for name, y_true, scores in SHOWN]
    cases += [_case(name, y_true, scores, hint=hint) for name, y_true, scores, hint in SITUATIONS]
    y, s = _scored(rng, 300, separation=float(rng.uniform(0.5, 2.0)))
    cases.append(
        _case(
            {"en": "integer scores with many ties", "zh": "整数分数，大量并列"},
            y,
            np.clip(np.round(s), -2, 2),
            hint=TIES,
        )
    )
    y, s = _scored(rng, 1000, separation=float(rng.uniform(0.0, 1.5)))
    cases.append(_case({"en": "random scores, 1,000 samples", "zh": "随机分数，1,000 个样本"}, y, s))
    y, s = _scored(rng, 200_000, separation=float(rng.uniform(0.3, 1.0)))
    cases.append(
        _case(
            {"en": "200,000 samples with rounded scores", "zh": "200,000 个样本，分数经过取整"},
            y,
            np.round(s, 2),
            hint=SORT_ONCE,
        )
    )
    return cases
