"""Cases for kfold-split: the statement's example shown; remainders, leave-one-out and bad k hidden.

Index lists may come back as lists or NumPy integer arrays, so `check` compares them as integer arrays.
"""

import numpy as np

from gpu_runner.graders.code import Case, short


def make_cases(rng):
    cases = [
        Case(name="example: n = 7, k = 3", fn="kfold_indices", args=(7, 3), visible=True),
        Case(name="n = 10, k = 5 (no remainder)", fn="kfold_indices", args=(10, 5), visible=True),
        Case(name="k = 1 raises ValueError", fn="kfold_indices", args=(5, 1), visible=True),
        Case(name="k larger than n raises ValueError", fn="kfold_indices", args=(3, 4)),
        Case(name="leave-one-out (k = n)", fn="kfold_indices", args=(6, 6)),
        Case(
            name="n = 11, k = 4 (remainder 3)",
            fn="kfold_indices",
            args=(11, 4),
            hint="the first n % k folds get one extra sample",
        ),
    ]
    for i in range(4):
        k = int(rng.integers(2, 9))
        n = int(rng.integers(k, 60))
        cases.append(
            Case(
                name=f"random n = {n}, k = {k}",
                fn="kfold_indices",
                args=(n, k),
                hint="folds are contiguous and in order; every sample is tested exactly once",
            )
        )
    return cases


def check(case, expected, got):
    if not isinstance(got, (list, tuple)):
        return f"return a list of (train, test) pairs, got {type(got).__name__}"
    if len(got) != len(expected):
        return f"expected {len(expected)} splits, got {len(got)}"
    for fold, (pair, (exp_train, exp_test)) in enumerate(zip(got, expected)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            return f"split {fold} must be a pair (train_indices, test_indices)"
        for name, exp, value in (("test", exp_test, pair[1]), ("train", exp_train, pair[0])):
            message = _indices_differ(exp, value)
            if message is not None:
                where = f"split {fold}: {name} indices"
                return f"{where} {message}" if case.visible else f"{where} are wrong"
    return None


def _indices_differ(expected, value):
    if isinstance(value, np.ndarray):
        if value.ndim != 1 or (value.size and value.dtype.kind not in "iu"):
            return f"must be a 1-D integer array, got dtype {value.dtype} and shape {value.shape}"
        value = value.tolist()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(i, (int, np.integer)) and not isinstance(i, bool) for i in value
    ):
        return f"must be a list of ints, got {short(value)}"
    if [int(i) for i in value] != list(expected):
        return f"should be {short(list(expected))}, got {short(list(value))}"
    return None
