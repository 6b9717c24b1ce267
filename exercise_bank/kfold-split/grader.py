"""Cases for kfold-split: the statement's example shown; remainders, leave-one-out and bad k hidden.

Index lists may come back as lists or NumPy integer arrays, so `check` compares them as integer arrays.
"""

import numpy as np

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, short

_folds = case_maker("kfold_indices")
CONTIGUOUS = {
    "en": "folds are contiguous and in order; every sample is tested exactly once",
    "zh": "每一折是连续的且按顺序排列；每个样本恰好被测试一次",
}


def make_cases(rng):
    cases = [
        _folds({"en": "example: n = 7, k = 3", "zh": "示例：n = 7，k = 3"}, 7, 3, visible=True),
        _folds({"en": "n = 10, k = 5 (no remainder)", "zh": "n = 10，k = 5（整除）"}, 10, 5, visible=True),
        _folds(raises_value_error("k = 1", "k = 1 "), 5, 1, visible=True),
        _folds(raises_value_error("k larger than n", "k 大于 n "), 3, 4),
        _folds({"en": "leave-one-out (k = n)", "zh": "留一法（k = n）"}, 6, 6),
        _folds(
            {"en": "n = 11, k = 4 (remainder 3)", "zh": "n = 11，k = 4（余数为 3）"},
            11,
            4,
            hint={"en": "the first n % k folds get one extra sample", "zh": "前 n % k 折各多分到一个样本"},
        ),
    ]
    for _ in range(4):
        k = int(rng.integers(2, 9))
        n = int(rng.integers(k, 60))
        cases.append(_folds({"en": f"random n = {n}, k = {k}", "zh": f"随机 n = {n}，k = {k}"}, n, k, hint=CONTIGUOUS))
    return cases


def check(case, expected, got):
    if not isinstance(got, (list, tuple)):
        kind = type(got).__name__
        return {
            "en": f"return a list of (train, test) pairs, got {kind}",
            "zh": f"应返回 (train, test) 对的列表，实际得到 {kind}",
        }
    if len(got) != len(expected):
        return {
            "en": f"expected {len(expected)} splits, got {len(got)}",
            "zh": f"应有 {len(expected)} 个划分，实际有 {len(got)} 个",
        }
    for fold, (pair, (exp_train, exp_test)) in enumerate(zip(got, expected)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return {
                "en": f"split {fold} must be a pair (train_indices, test_indices)",
                "zh": f"第 {fold} 个划分必须是一对 (train_indices, test_indices)",
            }
        for name, exp, value in (("test", exp_test, pair[1]), ("train", exp_train, pair[0])):
            problem = _indices_differ(exp, value)
            if problem is not None:
                where = {"en": f"split {fold}: {name} indices", "zh": f"第 {fold} 个划分：{name} 索引"}
                if not case.visible:
                    return {"en": f"{where['en']} are wrong", "zh": f"{where['zh']}不对"}
                return {lang: f"{where[lang]} {problem[lang]}" for lang in ("en", "zh")}
    return None


def _indices_differ(expected, value):
    if isinstance(value, np.ndarray):
        if value.ndim != 1 or (value.size and value.dtype.kind not in "iu"):
            return {
                "en": f"must be a 1-D integer array, got dtype {value.dtype} and shape {value.shape}",
                "zh": f"必须是一维整数数组，实际 dtype 为 {value.dtype}、形状为 {value.shape}",
            }
        value = value.tolist()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(i, (int, np.integer)) and not isinstance(i, bool) for i in value
    ):
        return {"en": f"must be a list of ints, got {short(value)}", "zh": f"必须是整数列表，实际得到 {short(value)}"}
    if [int(i) for i in value] != list(expected):
        want, got = short(list(expected)), short(list(value))
        return {"en": f"should be {want}, got {got}", "zh": f"应为 {want}，实际得到 {got}"}
    return None
