"""Cases for classification-metrics: the statement's examples shown; zero-division rules, label subsets,
imbalanced and random predictions hidden. `check` compares field by field and names the first wrong one."""

import math

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker

PER_CLASS = ("precision", "recall", "f1")
AVERAGES = ("macro", "micro", "weighted")
KEYS = ("labels", *PER_CLASS, "support", *AVERAGES)
RTOL = 1e-6
ATOL = 1e-9
TOPICS = ["sport", "tech", "finance", "health", "体育", "科技"]


_case = case_maker("classification_metrics")


def _noisy(rng, y_true, k, accuracy):
    wrong = (y_true + rng.integers(1, k, size=len(y_true))) % k
    return np.where(rng.random(len(y_true)) < accuracy, y_true, wrong)


F1_FROM_COUNTS = {
    "en": "F1 = 2·TP / (2·TP + FP + FN) from the counts; a zero_division stand-in for precision never enters it",
    "zh": "F1 = 2·TP / (2·TP + FP + FN)，直接由计数得到；精确率的 zero_division 替代值不参与 F1 的计算",
}
NEVER_PREDICTED = {
    "en": "precision of a class never predicted is 0 / 0: use zero_division",
    "zh": "从未被预测的类别，其精确率是 0 / 0：取 zero_division",
}
ONLY_ZERO_DENOMINATOR = {
    "en": "zero_division replaces only a ratio whose denominator is 0",
    "zh": "zero_division 只替换分母为 0 的那个比值",
}
ZERO_SUPPORT = {
    "en": "a label with support 0 counts in the macro average but has no weight in the weighted one",
    "zh": "支持数为 0 的标签计入宏平均，但在加权平均中权重为 0",
}
MICRO_SUBSET = {
    "en": "micro sums TP, FP and FN over the given labels only, in the given order",
    "zh": "微平均只在给定的标签上累加 TP、FP 和 FN，并按给定的顺序输出",
}


# (English name, Chinese name, y_true, y_pred, keyword arguments, hint)
HIDDEN = [
    (
        "a class that is never predicted",
        "从未被预测的类别",
        [0, 1, 1, 2, 2, 2],
        [0, 1, 1, 1, 1, 1],
        {},
        NEVER_PREDICTED,
    ),
    (
        "a class never predicted, zero_division=1.0",
        "从未被预测的类别，zero_division=1.0",
        [0, 1, 1, 2, 2, 2],
        [0, 1, 1, 1, 1, 1],
        {"zero_division": 1.0},
        ONLY_ZERO_DENOMINATOR,
    ),
    (
        "a label in labels that never occurs",
        "labels 中从未出现的标签",
        ["a", "b", "b", "a"],
        ["a", "b", "a", "a"],
        {"labels": ["a", "b", "c"]},
        ZERO_SUPPORT,
    ),
    (
        "micro averages over a subset of labels",
        "只对部分标签求微平均",
        [0, 1, 2, 0, 1, 2, 0, 1],
        [0, 2, 1, 0, 0, 2, 1, 1],
        {"labels": [2, 0]},
        MICRO_SUBSET,
    ),
    (
        "perfect predictions",
        "完全正确的预测",
        ["体育", "科技", "财经", "科技"],
        ["体育", "科技", "财经", "科技"],
        {},
        "",
    ),
    ("every prediction wrong", "所有预测都错误", [0, 0, 1, 1], [1, 1, 0, 0], {"zero_division": 1.0}, F1_FROM_COUNTS),
    ("lengths differ", "长度不一致", [0, 1, 1], [0, 1], {}, RAISE_VALUE_ERROR),
    ("empty input", "输入为空", [], [], {}, RAISE_VALUE_ERROR),
]


def make_cases(rng):
    example = ([0, 0, 1, 2], [0, 1, 1, 1])
    cases = [
        _case(bilingual("example: three classes", "示例：三个类别"), *example, visible=True),
        _case(
            bilingual("example: zero_division=1.0", "示例：zero_division=1.0"),
            *example,
            zero_division=1.0,
            visible=True,
        ),
        _case(
            bilingual("example: text labels", "示例：文本标签"),
            ["spam", "ham", "ham", "spam", "ham"],
            ["spam", "spam", "ham", "ham", "ham"],
            visible=True,
        ),
    ]
    cases += [
        _case(bilingual(en, zh), y_true, y_pred, hint=hint, **kwargs) for en, zh, y_true, y_pred, kwargs, hint in HIDDEN
    ]
    k = 4
    y_true = rng.choice(k, size=120, p=[0.7, 0.2, 0.07, 0.03])
    cases.append(
        _case(
            {
                "en": "imbalanced classes: macro, micro and weighted differ",
                "zh": "类别不均衡：宏平均、微平均与加权平均各不相同",
            },
            [int(v) for v in y_true],
            [int(v) for v in _noisy(rng, y_true, k, 0.7)],
            hint={
                "en": "weighted averages by support; macro treats every class equally",
                "zh": "加权平均按支持数加权；宏平均对每个类别一视同仁",
            },
        )
    )
    for i in range(3):
        k = int(rng.integers(2, 7))
        y_true = rng.integers(0, k, size=int(rng.integers(15, 150)))
        zero_division = float(rng.choice([0.0, 1.0]))
        cases.append(
            _case(
                {"en": f"random predictions {i + 1} ({k} classes)", "zh": f"随机预测 {i + 1}（{k} 个类别）"},
                [int(v) for v in y_true],
                [int(v) for v in _noisy(rng, y_true, k, float(rng.uniform(0.2, 0.9)))],
                zero_division=zero_division,
            )
        )
    names = [str(v) for v in rng.choice(TOPICS, size=4, replace=False)]
    y_true = rng.integers(0, 3, size=50)  # the fourth name is never true: a label that is only predicted
    y_pred = _noisy(rng, y_true, 4, 0.6)
    cases.append(
        _case(
            {"en": "random text labels, one only ever predicted", "zh": "随机文本标签，其中一个只出现在预测中"},
            [names[int(v)] for v in y_true],
            [names[int(v)] for v in y_pred],
        )
    )
    return cases


def _close(expected, got):
    return math.isclose(float(got), float(expected), rel_tol=RTOL, abs_tol=ATOL)


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _sequence(value):
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _wrong(case, field, expected, got, hidden):
    """A visible case shows the wrong field's expected and returned values; a hidden one says only `hidden`."""
    if case.visible:
        return bilingual(
            f"{field} is wrong: expected {expected!r}, got {got!r}", f"{field} 不对：应为 {expected!r}，实际为 {got!r}"
        )
    return hidden


def _check_list(case, key, expected, got):
    values = _sequence(got)
    if values is None:
        return bilingual(f"{key} must be a list with one value per label", f"{key} 必须是列表，每个标签一个值")
    if len(values) != len(expected):
        return bilingual(
            f"{key} has {len(values)} values, expected {len(expected)} (one per label)",
            f"{key} 有 {len(values)} 个值，应为 {len(expected)} 个（每个标签一个）",
        )
    for index, (e, g) in enumerate(zip(expected, values)):
        if key == "labels":
            ok = e == g
        elif key == "support":
            ok = _is_number(g) and float(g) == float(e) and float(g).is_integer()
        else:
            ok = _is_number(g) and _close(e, g)
        if not ok:
            hidden = bilingual(f"{key} is wrong for label position {index}", f"{key} 在标签位置 {index} 处不对")
            return _wrong(case, f"{key}[{index}]", e, g, hidden)
    return None


def _check_average(case, key, expected, got):
    if not isinstance(got, dict) or set(got) != set(PER_CLASS):
        return bilingual(
            f"{key} must be a dict with the keys precision, recall and f1",
            f"{key} 必须是包含 precision、recall、f1 三个键的字典",
        )
    for name in PER_CLASS:
        if not _is_number(got[name]) or not _close(expected[name], got[name]):
            field = f"{key}['{name}']"
            return _wrong(case, field, expected[name], got[name], bilingual(f"{field} is wrong", f"{field} 不对"))
    return None


def check(case, expected, got):
    """Per-class values may be lists or 1-D arrays and numbers NumPy scalars; the first wrong field is named."""
    if not isinstance(got, dict):
        return bilingual("return a dict (see the statement for its keys)", "请返回一个字典（键见题目说明）")
    missing = [key for key in KEYS if key not in got]
    if missing:
        names = ", ".join(missing)
        return bilingual(f"the dict is missing the key(s) {names}", f"字典缺少键 {names}")
    for key in ("labels", *PER_CLASS, "support"):
        message = _check_list(case, key, expected[key], got[key])
        if message is not None:
            return message
    for key in AVERAGES:
        message = _check_average(case, key, expected[key], got[key])
        if message is not None:
            return message
    return None
