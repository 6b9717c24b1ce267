"""Cases for softmax: the statement's examples shown; large scores, other axes and 3-D inputs hidden."""

import numpy as np

from gpu_runner.graders.code import Case


def make_cases(rng):
    cases = [
        Case(name="example: [1, 2, 3]", fn="softmax", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
        Case(name="example: equal large scores", fn="softmax", args=(np.array([1000.0, 1000.0]),), visible=True),
        Case(
            name="example: 2-D along axis 0",
            fn="softmax",
            args=(np.array([[1.0, 1.0], [0.0, 2.0]]),),
            kwargs={"axis": 0},
            visible=True,
        ),
        Case(
            name="scores in the thousands do not overflow",
            fn="softmax",
            args=(rng.uniform(1000.0, 3000.0, size=7),),
            hint="subtract the maximum before calling exp",
        ),
        Case(
            name="very negative scores do not underflow to nan",
            fn="softmax",
            args=(rng.uniform(-3000.0, -1000.0, size=5),),
            hint="subtract the maximum before calling exp",
        ),
        Case(name="a single score gives 1", fn="softmax", args=(np.array([float(rng.normal())]),)),
        Case(
            name="2-D batch along the last axis",
            fn="softmax",
            args=(rng.normal(scale=5.0, size=(4, 6)),),
            hint="each row must sum to 1: reduce with axis=-1 and keepdims=True",
        ),
        Case(
            name="2-D batch with large rows",
            fn="softmax",
            args=(rng.normal(scale=5.0, size=(3, 5)) + np.array([[0.0], [2000.0], [-2000.0]]),),
            hint="take the maximum per row, not over the whole array",
        ),
        Case(name="3-D along axis 1", fn="softmax", args=(rng.normal(size=(2, 3, 4)),), kwargs={"axis": 1}),
        Case(name="3-D along axis -1", fn="softmax", args=(rng.normal(scale=10.0, size=(2, 2, 5)),)),
    ]
    return cases
