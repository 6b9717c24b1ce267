"""Cases for logistic-regression-gd: the statement's example shown; random data, large scores that
overflow a naive loss, n_iters = 0 and bad labels hidden."""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "random data": {
        "en": "gradient of the MEAN log-loss: X^T (p - y) / n for w and mean(p - y) for b; record the loss before each update",
        "zh": "用*平均*对数损失的梯度：w 的梯度是 X^T (p - y) / n，b 的梯度是 mean(p - y)；损失在每次更新之前记录",
    },
    "large feature values": {
        "en": "for large |z| the probability rounds to exactly 0 or 1 and log gives -inf; write the loss as log(1 + e^z) - y z (np.logaddexp)",
        "zh": "|z| 很大时概率会被舍入成恰好 0 或 1，log 就得到 -inf；把损失写成 log(1 + e^z) - y z（np.logaddexp）",
    },
    "all labels 1": {"en": "the bias b has its own gradient, mean(p - y)", "zh": "偏置 b 有它自己的梯度 mean(p - y)"},
    "labels other than 0/1": {"en": "labels must be 0 or 1", "zh": "标签必须是 0 或 1"},
}

_case = case_maker("fit_logistic_gd")


def _data(rng, n, d, scale=1.0):
    X = rng.normal(size=(n, d)) * scale
    true_w = rng.normal(size=d)
    p = 1.0 / (1.0 + np.exp(-(X @ true_w / scale + rng.normal(scale=0.5))))
    y = (rng.random(n) < p).astype(np.int64)
    return X, y


def make_cases(rng):
    X_ex = np.array([[0.0], [1.0], [2.0], [3.0]])
    y_ex = np.array([0, 0, 1, 1])
    cases = [
        _case({"en": "example: 4 points, 3 steps", "zh": "示例：4 个点，3 步"}, X_ex, y_ex, lr=0.5, n_iters=3, visible=True),
        _case({"en": "example: n_iters = 0", "zh": "示例：n_iters = 0"}, X_ex, y_ex, lr=0.5, n_iters=0, visible=True),
    ]  # fmt: skip
    for i in range(3):
        n, d = int(rng.integers(20, 80)), int(rng.integers(2, 6))
        name = {"en": f"random data {i + 1}: {n} x {d}, 50 steps", "zh": f"随机数据 {i + 1}：{n} x {d}，50 步"}
        cases.append(_case(name, *_data(rng, n, d), lr=float(rng.uniform(0.05, 0.5)), n_iters=50))
    name = {"en": "large feature values: the loss stays finite", "zh": "特征值很大：损失必须保持有限"}
    cases.append(_case(name, *_data(rng, 30, 3, scale=300.0), lr=0.5, n_iters=20))
    X, y = _data(rng, 40, 2)
    name = {"en": "all labels 1: the bias keeps growing", "zh": "标签全为 1：偏置持续增大"}
    cases.append(_case(name, X + 3.0, np.ones(40, dtype=np.int64), lr=0.3, n_iters=30))
    name = {"en": "labels other than 0/1 raise ValueError", "zh": "标签不是 0/1 时抛出 ValueError"}
    cases.append(_case(name, X, np.where(y == 1, 1, -1), lr=0.1, n_iters=5))
    name = raises_value_error("a non-positive learning rate", "学习率不为正")
    cases.append(_case(name, X, y, lr=0.0, n_iters=5))
    return with_hints(cases, HINTS)
