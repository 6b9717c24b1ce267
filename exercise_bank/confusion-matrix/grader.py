"""Cases for confusion-matrix: the statement's examples shown; label order, subsets, normalisation and errors hidden."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker

ANIMALS = ["cat", "dog", "bird", "fish", "猫", "狗"]


_case = case_maker("confusion_matrix")


def _random_pair(rng, n, k, accuracy):
    """Predictions that are right with probability `accuracy`, otherwise a random other class."""
    y_true = rng.integers(0, k, size=n)
    wrong = (y_true + rng.integers(1, k, size=n)) % k
    y_pred = np.where(rng.random(n) < accuracy, y_true, wrong)
    return [int(v) for v in y_true], [int(v) for v in y_pred]


# (English name, Chinese name, y_true, y_pred, keyword arguments, hint)
HIDDEN = [
    (
        "rows are true labels, columns predictions",
        "行是真实标签，列是预测",
        [1, 1, 1, 0],
        [0, 0, 0, 0],
        {},
        {
            "en": "entry [i, j] counts samples whose TRUE label is i and PREDICTED label is j",
            "zh": "元素 [i, j] 统计真实标签为 i、预测标签为 j 的样本数",
        },
    ),
    (
        "a label that only appears in the predictions",
        "只出现在预测中的标签",
        [0, 0, 1],
        [0, 2, 1],
        {},
        {
            "en": "without labels, use every label of y_true AND y_pred",
            "zh": "没有给出 labels 时，要用 y_true 和 y_pred 中出现的全部标签",
        },
    ),
    (
        "labels sorted, not in order of appearance",
        "标签要排序，而不是按出现顺序",
        ["pos", "neg", "neutral", "neg"],
        ["neg", "neg", "pos", "neutral"],
        {},
        {"en": "sort the labels with sorted()", "zh": "用 sorted() 对标签排序"},
    ),
    (
        "a subset of labels leaves the other pairs out",
        "只取部分标签时，其余的样本对不计入",
        [0, 1, 2, 3, 1],
        [0, 1, 3, 2, 0],
        {"labels": [1, 0]},
        {
            "en": "a pair whose true or predicted label is not in labels is not counted",
            "zh": "真实标签或预测标签不在 labels 中的样本对不计数",
        },
    ),
    (
        "normalize='true' with a class that never occurs",
        "normalize='true' 且某个类别从未出现",
        ["猫", "狗", "狗"],
        ["猫", "猫", "狗"],
        {"labels": ["狗", "猫", "鱼"], "normalize": "true"},
        {"en": "an all-zero row stays zero instead of becoming nan", "zh": "全零的行保持为 0，不要变成 nan"},
    ),
    (
        "normalize='pred': columns sum to 1",
        "normalize='pred'：每列之和为 1",
        [0, 1, 1, 2, 2, 2],
        [0, 0, 1, 1, 2, 2],
        {"normalize": "pred"},
        {
            "en": "divide each column by the number of samples predicted as that class",
            "zh": "每一列除以被预测为该类别的样本数",
        },
    ),
    (
        "normalize='all': the matrix sums to 1",
        "normalize='all'：整个矩阵之和为 1",
        [1, 0, 1, 1],
        [1, 1, 0, 1],
        {"normalize": "all"},
        "",
    ),
    ("lengths differ", "长度不一致", [0, 1, 1], [0, 1], {}, RAISE_VALUE_ERROR),
    ("empty input", "输入为空", [], [], {}, RAISE_VALUE_ERROR),
    ("an empty list of labels", "labels 为空列表", [0, 1], [1, 1], {"labels": []}, RAISE_VALUE_ERROR),
    (
        "none of the labels occurs in y_true",
        "labels 中没有一个出现在 y_true 里",
        ["a", "b"],
        ["a", "c"],
        {"labels": ["c", "d"]},
        RAISE_VALUE_ERROR,
    ),
]


def make_cases(rng):
    cases = [
        _case(bilingual("example: three classes", "示例：三个类别"), [0, 1, 2, 2], [0, 2, 2, 1], visible=True),
        _case(
            bilingual("example: labels chosen and ordered by the caller", "示例：由调用者指定并排序的标签"),
            ["cat", "dog", "cat"],
            ["dog", "dog", "cat"],
            labels=["dog", "cat", "bird"],
            visible=True,
        ),
        _case(
            bilingual("example: rows normalised", "示例：按行归一化"),
            [0, 0, 1],
            [0, 1, 1],
            labels=[0, 1, 2],
            normalize="true",
            visible=True,
        ),
    ]
    cases += [
        _case(bilingual(en, zh), y_true, y_pred, hint=hint, **kwargs) for en, zh, y_true, y_pred, kwargs, hint in HIDDEN
    ]
    for i in range(3):
        k = int(rng.integers(2, 7))
        y_true, y_pred = _random_pair(rng, int(rng.integers(20, 200)), k, accuracy=float(rng.uniform(0.3, 0.9)))
        cases.append(
            _case(
                {"en": f"random predictions {i + 1} ({k} classes)", "zh": f"随机预测 {i + 1}（{k} 个类别）"},
                y_true,
                y_pred,
            )
        )
    names = [str(v) for v in rng.choice(ANIMALS, size=4, replace=False)]
    y_true, y_pred = _random_pair(rng, 60, 4, accuracy=0.6)
    shuffled = [names[int(i)] for i in rng.permutation(4)]
    cases.append(
        _case(
            {
                "en": "random text labels in a given order, normalised by row",
                "zh": "随机文本标签，按给定顺序，按行归一化",
            },
            [names[v] for v in y_true],
            [names[v] for v in y_pred],
            labels=shuffled,
            normalize="true",
        )
    )
    return cases
