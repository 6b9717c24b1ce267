"""Cases for multinomial-naive-bayes: the statement's spam example shown; Lidstone smoothing, words
unseen in a class, long documents that underflow a product of probabilities, imbalanced classes,
unsorted labels and bad input hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

X_EXAMPLE = np.array([[2, 1, 0, 0], [1, 2, 0, 1], [0, 0, 2, 1], [0, 1, 1, 2]])
Y_EXAMPLE = np.array([1, 1, 0, 0])
X_EXAMPLE_TEST = np.array([[1, 1, 0, 0], [0, 0, 1, 1], [3, 0, 0, 3]])

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "three classes with labels 3, 7, 9": {
        "en": "classes are the sorted distinct labels; rows of feature_log_prob follow that order",
        "zh": "classes 是排好序的不同标签；feature_log_prob 的行也按这个顺序",
    },
    "Lidstone smoothing": {
        "en": "P(word | class) = (count + alpha) / (class total + alpha * n_features)",
        "zh": "P(词 | 类) = (计数 + alpha) / (该类总词数 + alpha * n_features)",
    },
    "a word never seen with one class": {
        "en": "without smoothing, one unseen word gives probability 0 (log = -inf) and vetoes the class",
        "zh": "不做平滑时，一个没见过的词会让概率为 0（log 为 -inf），直接否决这个类别",
    },
    "long documents": {
        "en": "a product of hundreds of small probabilities underflows to 0: add logs instead",
        "zh": "几百个小概率连乘会下溢为 0：改为把对数相加",
    },
    "imbalanced classes": {
        "en": "the class prior is the share of training documents in each class, not uniform",
        "zh": "类先验是每个类别在训练文档中所占的比例，而不是均匀分布",
    },
    "alpha = 0": {"en": "alpha must be > 0", "zh": "alpha 必须 > 0"},
    "a negative count": {"en": "word counts cannot be negative", "zh": "词频不可能为负"},
    "X_test with a different vocabulary size": {
        "en": "X_test must have one column per training word",
        "zh": "X_test 的每一列都必须对应一个训练词",
    },
}

_fit = case_maker("fit_multinomial_nb")
_predict = case_maker("predict_multinomial_nb")


def _corpus(rng, n, n_words, classes, length, weights=None):
    """Documents drawn from one word distribution per class (Dirichlet), lengths around `length`."""
    k = len(classes)
    word_probs = rng.dirichlet(np.full(n_words, 0.5), size=k)
    y_index = rng.choice(k, size=n, p=weights)
    y_index[:k] = np.arange(k)  # every class occurs
    lengths = rng.poisson(length, size=n) + 1
    X = np.array([rng.multinomial(lengths[i], word_probs[y_index[i]]) for i in range(n)])
    return X, np.asarray(classes)[y_index], word_probs


def make_cases(rng):
    cases = [
        _fit({"en": "example: fit on four short messages", "zh": "示例：在四条短消息上拟合"}, X_EXAMPLE, Y_EXAMPLE, visible=True),
        _predict({"en": "example: predict three messages", "zh": "示例：预测三条消息"}, X_EXAMPLE, Y_EXAMPLE, X_EXAMPLE_TEST, visible=True),
    ]  # fmt: skip
    X, y, _ = _corpus(rng, 30, 12, [3, 7, 9], 15)
    cases.append(_fit({"en": "three classes with labels 3, 7, 9", "zh": "标签为 3、7、9 的三个类别"}, X, y))
    alpha = float(rng.choice([0.01, 0.1, 0.5]))
    name = {"en": f"Lidstone smoothing, alpha = {alpha}", "zh": f"Lidstone 平滑，alpha = {alpha}"}
    cases.append(_fit(name, X, y, alpha=alpha))
    X2, y2, _ = _corpus(rng, 24, 10, [0, 1], 12)
    X2[y2 == 0, 4] = 0  # word 4 never occurs in class 0
    X_test = rng.poisson(1.5, size=(6, 10))
    X_test[:, 4] += 2
    cases.append(_predict({"en": "a word never seen with one class", "zh": "某个词从未在某一类中出现"}, X2, y2, X_test))
    X3, y3, probs = _corpus(rng, 40, 60, [0, 1, 2], 400)
    X3_test = np.array([rng.multinomial(500, probs[c]) for c in rng.integers(0, 3, size=8)])
    name = {"en": "long documents (about 500 words each)", "zh": "长文档（每篇约 500 个词）"}
    cases.append(_predict(name, X3, y3, X3_test))
    X4, y4, _ = _corpus(rng, 50, 8, [0, 1], 6, weights=[0.85, 0.15])
    X4_test = rng.poisson(0.8, size=(10, 8))
    name = {"en": "imbalanced classes: predictions", "zh": "类别不平衡：预测"}
    cases.append(_predict(name, X4, y4, X4_test, alpha=0.5))
    cases.append(_fit({"en": "imbalanced classes: fitted parameters", "zh": "类别不平衡：拟合出的参数"}, X4, y4))
    name = raises_value_error("alpha = 0", "alpha = 0 ")
    cases.append(_fit(name, X, y, alpha=0.0))
    negative = X.copy()
    negative[0, 0] = -1
    name = raises_value_error("a negative count", "出现负计数")
    cases.append(_fit(name, negative, y))
    name = raises_value_error("X_test with a different vocabulary size", "X_test 的词表大小不同")
    cases.append(_predict(name, X2, y2, X_test[:, :-1]))
    return with_hints(cases, HINTS)
