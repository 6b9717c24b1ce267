"""Cases for activations: the statement's examples shown; zeros, large inputs and 2-D arrays hidden."""

import numpy as np

from gpu_runner.graders.code import Case

FUNCTIONS = ("sigmoid", "sigmoid_grad", "relu", "relu_grad")


def make_cases(rng):
    cases = [
        Case(
            name={"en": "example: sigmoid([0, 2])", "zh": "示例：sigmoid([0, 2])"},
            fn="sigmoid",
            args=(np.array([0.0, 2.0]),),
            visible=True,
        ),
        Case(
            name={"en": "example: sigmoid_grad([0])", "zh": "示例：sigmoid_grad([0])"},
            fn="sigmoid_grad",
            args=(np.array([0.0]),),
            visible=True,
        ),
        Case(
            name={"en": "example: relu([-1, 0, 3])", "zh": "示例：relu([-1, 0, 3])"},
            fn="relu",
            args=(np.array([-1.0, 0.0, 3.0]),),
            visible=True,
        ),
        Case(
            name={"en": "example: relu_grad([-1, 0, 3])", "zh": "示例：relu_grad([-1, 0, 3])"},
            fn="relu_grad",
            args=(np.array([-1.0, 0.0, 3.0]),),
            visible=True,
        ),
        Case(
            name={"en": "relu_grad is 0 at exactly 0", "zh": "relu_grad 在恰好为 0 处等于 0"},
            fn="relu_grad",
            args=(np.array([0.0, -0.0, 1e-9, -1e-9]),),
            hint={"en": "use x > 0, not x >= 0", "zh": "用 x > 0，而不是 x >= 0"},
        ),
        Case(
            name={"en": "relu_grad returns floats", "zh": "relu_grad 返回浮点数"},
            fn="relu_grad",
            args=(rng.normal(size=(3, 4)),),
            hint={
                "en": "convert the comparison to float, e.g. (x > 0).astype(float)",
                "zh": "把比较结果转成浮点数，例如 (x > 0).astype(float)",
            },
        ),
        Case(
            name={"en": "sigmoid_grad takes x, not sigmoid(x)", "zh": "sigmoid_grad 的参数是 x，而不是 sigmoid(x)"},
            fn="sigmoid_grad",
            args=(rng.uniform(-4.0, 4.0, size=6),),
            hint={"en": "sigma'(x) = sigma(x) * (1 - sigma(x))", "zh": "sigma'(x) = sigma(x) * (1 - sigma(x))"},
        ),
    ]
    large = np.array([-1000.0, -745.0, -50.0, 50.0, 745.0, 1000.0])
    for fn in FUNCTIONS:
        cases.append(
            Case(
                name={"en": f"{fn} of large inputs", "zh": f"{fn} 处理很大的输入"},
                fn=fn,
                args=(large.copy(),),
                atol=1e-9,
                hint={"en": "no nan for |x| up to 1000", "zh": "|x| 不超过 1000 时不能出现 nan"},
            )
        )
        cases.append(
            Case(
                name={"en": f"{fn} of a random 2-D array", "zh": f"{fn} 处理随机二维数组"},
                fn=fn,
                args=(rng.normal(scale=3.0, size=(4, 5)),),
            )
        )
    return cases
