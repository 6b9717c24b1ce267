"""Cases for mlp-backprop: gradients are checked against central differences of the loss, computed here."""

import numpy as np

from gpu_runner.graders.code import case_maker, diff
from gpu_runner.texts import message

PARAMS = ("w1", "b1", "w2", "b2")
EPS = 1e-6
MEAN = {
    "en": "the loss is a mean: dL/dZ = (P - Y) / n, and a bias gradient sums over the rows",
    "zh": "损失是平均值：dL/dZ = (P - Y) / n，偏置的梯度要对各行求和",
}
STABLE = {"en": "subtract the row maximum before exp in the softmax", "zh": "softmax 中先减去每行的最大值再取 exp"}
TANH = {
    "en": "the hidden layer's gradient includes tanh'(u) = 1 - tanh(u)**2",
    "zh": "隐藏层的梯度包含 tanh'(u) = 1 - tanh(u)**2",
}

_case = case_maker("mlp_gradients", rtol=1e-4, atol=1e-7)


def _problem(rng, n, d, h, c):
    x = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    w1 = rng.normal(scale=0.8, size=(d, h))
    b1 = rng.normal(scale=0.1, size=h)
    w2 = rng.normal(scale=0.8, size=(h, c))
    b2 = rng.normal(scale=0.1, size=c)
    return (x, y, w1, b1, w2, b2)


def make_cases(rng):
    example = (
        np.array([[1.0, -1.0]]),
        np.array([0]),
        np.array([[0.5, -0.5], [0.25, 0.0]]),
        np.zeros(2),
        np.array([[1.0, -1.0], [0.0, 0.5]]),
        np.zeros(2),
    )
    cases = [
        _case({"en": "example: one sample", "zh": "示例：一个样本"}, *example, visible=True),
        _case({"en": "a batch of 8: the loss is a mean", "zh": "8 个样本的批量：损失取平均"}, *_problem(rng, 8, 3, 4, 3), hint=MEAN),
        _case(
            {"en": "large logits stay finite", "zh": "很大的 logits 仍保持有限"},
            *_problem(rng, 5, 4, 6, 3)[:4],
            rng.normal(scale=60.0, size=(6, 3)),
            np.zeros(3),
            hint=STABLE,
        ),
    ]  # fmt: skip
    for i in range(3):
        n, d, h, c = (int(v) for v in rng.integers(2, 7, size=4))
        name = {
            "en": f"random network {i + 1}: n={n}, d={d}, h={h}, c={c}",
            "zh": f"随机网络 {i + 1}：n={n}，d={d}，h={h}，c={c}",
        }
        cases.append(_case(name, *_problem(rng, n, d, h, c), hint=TANH))
    return cases


def loss(x, y, w1, b1, w2, b2):
    logits = np.tanh(x @ w1 + b1) @ w2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -float(log_probs[np.arange(x.shape[0]), y].mean())


def numerical_gradients(args):
    """Central differences of the loss with respect to every parameter, one entry at a time."""
    x, y, *params = (np.array(a, dtype=np.float64) if i != 1 else np.asarray(a) for i, a in enumerate(args))
    grads = {}
    for index, name in enumerate(PARAMS):
        grad = np.zeros_like(params[index])
        for position in np.ndindex(params[index].shape):
            original = params[index][position]
            params[index][position] = original + EPS
            up = loss(x, y, *params)
            params[index][position] = original - EPS
            down = loss(x, y, *params)
            params[index][position] = original
            grad[position] = (up - down) / (2 * EPS)
        grads[name] = grad
    return grads


def check(case, expected, got):
    if not isinstance(got, dict):
        kind = type(got).__name__
        return {
            "en": f"return a dict with keys loss, w1, b1, w2, b2; got {kind}",
            "zh": f"应返回带有 loss、w1、b1、w2、b2 键的字典，实际得到 {kind}",
        }
    missing = ", ".join(key for key in ("loss", *PARAMS) if key not in got)
    if missing:
        return {"en": f"the dict is missing {missing}", "zh": f"字典缺少 {missing}"}
    mismatch = diff(expected["loss"], got["loss"], rtol=1e-6, atol=1e-9)
    if mismatch is not None:
        problem = mismatch.text() if case.visible else mismatch.reason_text
        return message("check.labelled", label={"en": "loss", "zh": "损失"}, problem=problem)
    numerical = numerical_gradients(case.args)
    for name in PARAMS:
        mismatch = diff(numerical[name], got[name], rtol=case.rtol, atol=case.atol)
        if mismatch is not None:
            label = {
                "en": f"gradient {name} does not match the numerical gradient",
                "zh": f"{name} 的梯度与数值梯度不一致",
            }
            return message(
                "check.labelled", label=label, problem=mismatch.text() if case.visible else mismatch.reason_text
            )
    return None
