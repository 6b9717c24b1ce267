"""Cases for activations: the statement's examples shown; zeros, large inputs and 2-D arrays hidden."""

import numpy as np

from gpu_runner.graders.code import Case

FUNCTIONS = ("sigmoid", "sigmoid_grad", "relu", "relu_grad")


def make_cases(rng):
    cases = [
        Case(name="example: sigmoid([0, 2])", fn="sigmoid", args=(np.array([0.0, 2.0]),), visible=True),
        Case(name="example: sigmoid_grad([0])", fn="sigmoid_grad", args=(np.array([0.0]),), visible=True),
        Case(name="example: relu([-1, 0, 3])", fn="relu", args=(np.array([-1.0, 0.0, 3.0]),), visible=True),
        Case(name="example: relu_grad([-1, 0, 3])", fn="relu_grad", args=(np.array([-1.0, 0.0, 3.0]),), visible=True),
        Case(
            name="relu_grad is 0 at exactly 0",
            fn="relu_grad",
            args=(np.array([0.0, -0.0, 1e-9, -1e-9]),),
            hint="use x > 0, not x >= 0",
        ),
        Case(
            name="relu_grad returns floats",
            fn="relu_grad",
            args=(rng.normal(size=(3, 4)),),
            hint="convert the comparison to float, e.g. (x > 0).astype(float)",
        ),
        Case(
            name="sigmoid_grad takes x, not sigmoid(x)",
            fn="sigmoid_grad",
            args=(rng.uniform(-4.0, 4.0, size=6),),
            hint="sigma'(x) = sigma(x) * (1 - sigma(x))",
        ),
    ]
    large = np.array([-1000.0, -745.0, -50.0, 50.0, 745.0, 1000.0])
    for fn in FUNCTIONS:
        cases.append(
            Case(name=f"{fn} of large inputs", fn=fn, args=(large.copy(),), atol=1e-9, hint="no nan for |x| up to 1000")
        )
        cases.append(Case(name=f"{fn} of a random 2-D array", fn=fn, args=(rng.normal(scale=3.0, size=(4, 5)),)))
    return cases
