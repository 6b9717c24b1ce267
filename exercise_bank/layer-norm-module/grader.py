"""Cases for layer-norm-module: the statement's two examples shown; several normalised dimensions, a large eps,
constant rows, a large common offset, no affine parameters, no bias, a 1-D input, a shape that does not fit and
random batches (forward and backward) hidden. Every call goes through the statement's `run_layer_norm`."""

import numpy as np

from gpu_runner.graders.code import Case, with_hints

EXAMPLE_X = np.array([[1.0, 2.0, 4.0], [-1.0, 0.0, 1.0]])
EXAMPLE_STATE = {"weight": np.array([1.0, 2.0, 0.5]), "bias": np.array([0.0, 1.0, -1.0])}
EXAMPLE_GRAD = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
PARAMETERS = {
    "en": "wrap weight and bias in nn.Parameter and name them `weight` and `bias`, so that they are registered: "
    "named_parameters() lists them and load_state_dict() fills them",
    "zh": "用 nn.Parameter 包装 weight 和 bias，并命名为 `weight` 和 `bias`，它们才会被注册：named_parameters() 能列出它们，load_state_dict() 能加载它们",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a batch of sequences": {
        "en": "build the output from torch operations on the input tensor (no .numpy(), .item() or new tensors from its "
        "values), so that autograd can carry the gradient back to the input, the weight and the bias",
        "zh": "输出要由输入张量经过 torch 运算得到（不要用 .numpy()、.item()，也不要用它的值新建张量），这样 autograd 才能把梯度传回输入、weight 和 bias",
    },
    "normalized_shape of two dimensions": {
        "en": "the mean and variance are taken over all the trailing dimensions in normalized_shape, together",
        "zh": "均值和方差要在 normalized_shape 所指的全部尾部维度上一起计算",
    },
    "a large eps": {
        "en": "eps goes inside the square root: (x - mean) / sqrt(var + eps)",
        "zh": "eps 加在平方根里面：(x - mean) / sqrt(var + eps)",
    },
    "rows whose values are all equal": {
        "en": "a constant row has variance 0; eps keeps the division finite and the normalised values are 0",
        "zh": "常数行的方差为 0；有 eps 在，除法不会出问题，归一化后的值都是 0",
    },
    "values with a large common offset": {
        "en": "compute the variance from the centred values, mean((x - mean)^2): mean(x^2) - mean^2 loses "
        "every digit when the values share an offset of a million",
        "zh": "用中心化后的值计算方差 mean((x - mean)^2)：当所有值都有一百万的公共偏移时，mean(x^2) - mean^2 会丢掉全部有效数字",
    },
    "few features": {
        "en": "LayerNorm's variance divides by N (biased), not by N - 1: torch.var's default is the unbiased one",
        "zh": "LayerNorm 的方差除以 N（有偏估计），而不是 N - 1；torch.var 默认算的是无偏方差",
    },
    "elementwise_affine=False": {
        "en": "without elementwise_affine the module has no parameters at all; register weight and bias as None",
        "zh": "没有 elementwise_affine 时模块完全没有参数；把 weight 和 bias 注册为 None",
    },
    "bias=False": {"en": "with bias=False the only parameter is the weight", "zh": "bias=False 时唯一的参数是 weight"},
    "fresh parameters": PARAMETERS,
    "a single vector": {
        "en": "a 1-D input of length normalized_shape is one sample",
        "zh": "长度等于 normalized_shape 的一维输入就是一个样本",
    },
    "an input whose last dimension does not fit": {
        "en": "raise RuntimeError (as torch does) when the input's trailing shape is not normalized_shape",
        "zh": "输入的尾部形状不等于 normalized_shape 时抛出 RuntimeError（与 torch 一致）",
    },
    "random batch": PARAMETERS,
}
GRADIENT_TOL = {"rtol": 1e-8, "atol": 1e-10}


def _case(name, x, shape, *, visible=False, rtol=1e-7, atol=1e-9, **kwargs):
    return Case(name=name, fn="run_layer_norm", args=(x, shape), kwargs=kwargs, visible=visible, rtol=rtol, atol=atol)


def _state(rng, shape, bias=True):
    state = {"weight": rng.normal(1.0, 0.5, size=shape)}
    if bias:
        state["bias"] = rng.normal(0.0, 0.5, size=shape)
    return state


def _fixed_cases(rng):
    seq = rng.normal(2.0, 3.0, size=(2, 5, 6))
    image = rng.normal(size=(3, 4, 5))
    rows = np.repeat(rng.normal(size=(4, 1)), 6, axis=1)
    offset = 1e6 + rng.normal(size=(3, 8))
    shown = [
        ({"en": "example: a fresh module", "zh": "示例：新建的模块"}, EXAMPLE_X, 3, {}),
        ({"en": "example: loaded parameters and a backward pass", "zh": "示例：加载参数并反向传播"}, EXAMPLE_X, 3, {"state": EXAMPLE_STATE, "grad_output": EXAMPLE_GRAD}),
    ]  # fmt: skip
    hidden = [
        ({"en": "a batch of sequences, forward and backward", "zh": "一批序列：前向与反向"}, seq, 6, {"state": _state(rng, (6,)), "grad_output": rng.normal(size=seq.shape), **GRADIENT_TOL}),
        ({"en": "normalized_shape of two dimensions", "zh": "两个维度的 normalized_shape"}, image, [4, 5], {"state": _state(rng, (4, 5)), "grad_output": rng.normal(size=image.shape), **GRADIENT_TOL}),
        ({"en": "a large eps", "zh": "较大的 eps"}, rng.normal(size=(4, 5)), 5, {"eps": 0.5}),
        ({"en": "rows whose values are all equal", "zh": "所有值都相同的行"}, rows, 6, {"state": _state(rng, (6,))}),
        ({"en": "values with a large common offset", "zh": "带有很大公共偏移的值"}, offset, 8, {"rtol": 1e-6, "atol": 1e-8}),
        ({"en": "few features: the biased variance", "zh": "特征很少时：有偏方差"}, rng.normal(size=(5, 2)), 2, {}),
        ({"en": "elementwise_affine=False: no parameters", "zh": "elementwise_affine=False：没有参数"}, rng.normal(size=(3, 4)), 4, {"elementwise_affine": False, "grad_output": rng.normal(size=(3, 4))}),
        ({"en": "bias=False: a weight only", "zh": "bias=False：只有 weight"}, rng.normal(size=(3, 4)), 4, {"bias": False, "state": _state(rng, (4,), bias=False), "grad_output": rng.normal(size=(3, 4))}),
        ({"en": "fresh parameters of shape normalized_shape", "zh": "新参数的形状等于 normalized_shape"}, rng.normal(size=(2, 2, 3)), [2, 3], {}),
        ({"en": "a single vector", "zh": "单个向量"}, rng.normal(size=7), 7, {"state": _state(rng, (7,)), "grad_output": rng.normal(size=7)}),
        ({"en": "an input whose last dimension does not fit", "zh": "最后一维不匹配的输入"}, rng.normal(size=(2, 4)), 3, {}),
    ]  # fmt: skip
    cases = [_case(name, x, shape, visible=True, **kwargs) for name, x, shape, kwargs in shown]
    return cases + [_case(name, x, shape, **kwargs) for name, x, shape, kwargs in hidden]


def make_cases(rng):
    cases = _fixed_cases(rng)
    for i in range(2):
        shape = tuple(int(n) for n in rng.integers(1, 6, size=int(rng.integers(1, 3))))
        batch = tuple(int(n) for n in rng.integers(1, 5, size=int(rng.integers(1, 3))))
        x = rng.normal(float(rng.normal(0, 5)), float(rng.uniform(0.1, 10)), size=batch + shape)
        cases.append(
            _case(
                {"en": f"random batch {i + 1}, forward and backward", "zh": f"随机批次 {i + 1}：前向与反向"},
                x,
                list(shape),
                eps=float(rng.choice([1e-5, 1e-3, 1e-1])),
                state=_state(rng, shape),
                grad_output=rng.normal(size=x.shape),
                **GRADIENT_TOL,
            )
        )
    return with_hints(cases, HINTS)
