"""Cases for pca: a tiny example shown; data with known, distinct variances hidden. Signs are free."""

import numpy as np

from gpu_runner.graders.case_texts import not_a_tuple, raises_value_error
from gpu_runner.graders.code import case_maker, diff, with_hints
from gpu_runner.texts import message

SCALES = np.array([6.0, 3.5, 2.0, 1.2, 0.7, 0.4])
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "off-centre data": {
        "en": "subtract the column means before finding the components",
        "zh": "求主成分之前先减去每列的均值",
    },
    "all components": {
        "en": "sort the components by decreasing variance (numpy.linalg.eigh sorts eigenvalues increasing)",
        "zh": "按方差从大到小排列主成分（numpy.linalg.eigh 按特征值从小到大排序）",
    },
    "random data": {
        "en": "components are the rows of the returned matrix, one unit vector each",
        "zh": "主成分是返回矩阵的各行，每行是一个单位向量",
    },
}

_case = case_maker("pca", rtol=1e-5, atol=1e-7)
_error_case = case_maker("pca")


def _data(rng, n, d):
    """n x d data whose sample covariance has eigenvalues SCALES[:d] ** 2 exactly, in a random rotation."""
    z = rng.normal(size=(n, d))
    z -= z.mean(axis=0)
    q, _ = np.linalg.qr(z)  # orthonormal, centred columns: the sample covariance of q * sqrt(n - 1) is I
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * np.sqrt(n - 1)) * SCALES[:d] @ rotation.T + rng.uniform(-10.0, 10.0, size=d)


def make_cases(rng):
    example = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    cases = [
        _case({"en": "example: points on a line, k = 1", "zh": "示例：一条直线上的点，k = 1"}, example, 1, visible=True),
        _error_case(raises_value_error("k = 0", "k = 0 "), _data(rng, 10, 3), 0, visible=True),
        _error_case(raises_value_error("k larger than d", "k 大于 d "), _data(rng, 10, 3), 4),
        _case({"en": "off-centre data, k = 1", "zh": "未中心化的数据，k = 1"}, _data(rng, 30, 3) + 100.0, 1),
        _case({"en": "all components (k = d)", "zh": "全部主成分（k = d）"}, _data(rng, 25, 4), 4),
    ]  # fmt: skip
    for i in range(3):
        d = int(rng.integers(3, 7))
        n = int(rng.integers(20, 60))
        k = int(rng.integers(1, d))
        name = {
            "en": f"random data {i + 1}: n = {n}, d = {d}, k = {k}",
            "zh": f"随机数据 {i + 1}：n = {n}，d = {d}，k = {k}",
        }
        cases.append(_case(name, _data(rng, n, d), k))
    return with_hints(cases, HINTS)


def check(case, expected, got):
    if wrong_shape := not_a_tuple(got, ("projected", "components")):
        return wrong_shape
    exp_projected, exp_components = expected
    projected, components = got
    for name, exp, value in (("components", exp_components, components), ("projected", exp_projected, projected)):
        if not isinstance(value, np.ndarray):
            kind = type(value).__name__
            return {
                "en": f"{name} must be a numpy array, got {kind}",
                "zh": f"{name} 必须是 NumPy 数组，实际得到 {kind}",
            }
        if value.shape != exp.shape:
            return {
                "en": f"{name} must have shape {exp.shape}, got {value.shape}",
                "zh": f"{name} 的形状应为 {exp.shape}，实际为 {value.shape}",
            }
    if components.dtype.kind != "f" or projected.dtype.kind != "f":
        return {"en": "components and projected must be float arrays", "zh": "components 和 projected 必须是浮点数组"}
    # Each component may come with either sign; flip the learner's to match, with its projection column.
    signs = np.where(np.sum(exp_components * components, axis=1) < 0, -1.0, 1.0)
    for name, exp, value in (
        ("components", exp_components, components * signs[:, None]),
        ("projected", exp_projected, projected * signs[None, :]),
    ):
        mismatch = diff(exp, value, rtol=case.rtol, atol=case.atol)
        if mismatch is not None:
            problem = mismatch.text() if case.visible else mismatch.reason_text
            return message("check.labelled", label={"en": name, "zh": name}, problem=problem)
    return None
