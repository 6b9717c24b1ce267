"""Cases for conv2d: the statement's examples shown; channels and batches, per-axis stride and padding, dilation,
groups and depthwise filters, 'same' padding with odd and even kernels, 'valid', an unbatched image, bad
arguments and random layers hidden; and the output-size formula on its own."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE_X = np.arange(16.0).reshape(1, 1, 4, 4)
EXAMPLE_W = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
CROSS = {
    "en": "a convolution layer computes a cross-correlation: output[o, y, x] = sum over c, i, j of "
    "input[c, y*s + i*d, x*s + j*d] * weight[o, c, i, j], without flipping the kernel",
    "zh": "卷积层计算的是互相关：output[o, y, x] = 对 c、i、j 求和 input[c, y*s + i*d, x*s + j*d] * weight[o, c, i, j]，卷积核不翻转",
}
GROUPS = {
    "en": "with groups g, input channels and filters are split into g consecutive blocks: the k-th block of "
    "filters sees only the k-th block of input channels",
    "zh": "groups 为 g 时，输入通道和卷积核都按顺序分成 g 个连续的块：第 k 块卷积核只看第 k 块输入通道",
}
DILATION = {
    "en": "dilation d spaces the kernel taps d apart: the kernel covers d * (k - 1) + 1 input positions",
    "zh": "膨胀系数 d 让卷积核的各个点相隔 d：卷积核覆盖 d * (k - 1) + 1 个输入位置",
}
SAME = {
    "en": "'same' pads d * (k - 1) zeros in all; when that is odd, the extra zero goes after (bottom, right), as in torch",
    "zh": "'same' 一共填充 d * (k - 1) 个 0；若为奇数，多出的那个 0 放在后面（下方、右侧），与 torch 一致",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "channels and a batch": CROSS,
    "stride and padding per axis": {"en": "a pair means (height, width)", "zh": "一对数表示（高，宽）"},
    "dilation 2": DILATION,
    "two groups": GROUPS,
    "depthwise": GROUPS,
    "'same' with an odd kernel": SAME,
    "'same' with an even kernel": SAME,
    "'valid' is no padding": CROSS,
    "an unbatched image": {
        "en": "(C, H, W) in, (C_out, H_out, W_out) out",
        "zh": "输入 (C, H, W)，输出 (C_out, H_out, W_out)",
    },
    "input channels that do not match the weight": RAISE_VALUE_ERROR,
    "a kernel larger than the input": RAISE_VALUE_ERROR,
    "'same' with stride 2": RAISE_VALUE_ERROR,
    "stride 0": RAISE_VALUE_ERROR,
    "output size with dilation": DILATION,
    "output size that does not divide evenly": {
        "en": "the division rounds down: positions past the last full window are skipped",
        "zh": "除法向下取整：放不下一个完整窗口的位置被跳过",
    },
    "random layer": CROSS,
    "random output size": DILATION,
}


_conv = case_maker("conv2d", rtol=1e-9, atol=1e-10)
_size = case_maker("conv2d_output_size")


def _layer(rng, n, c_in, size, c_out, k, groups=1):
    kh, kw = (k, k) if isinstance(k, int) else k
    x = rng.normal(size=(n, c_in) + ((size, size) if isinstance(size, int) else size))
    return x, rng.normal(size=(c_out, c_in // groups, kh, kw)), rng.normal(size=c_out)


def _conv_cases(rng):
    x, w, b = _layer(rng, 2, 3, 9, 4, 3)
    xg, wg, bg = _layer(rng, 2, 4, 7, 6, 3, groups=2)
    xd, wd, bd = _layer(rng, 1, 3, 8, 3, 3, groups=3)
    xe, we, be = _layer(rng, 2, 2, (7, 6), 3, (2, 4))
    cases = [
        _conv(
            bilingual("example: one channel, a 2x2 kernel", "示例：单通道，2x2 卷积核"),
            EXAMPLE_X,
            EXAMPLE_W,
            visible=True,
        ),
        _conv(
            bilingual("example: stride 2, padding 1 and a bias", "示例：步幅 2、填充 1，加偏置"),
            EXAMPLE_X,
            EXAMPLE_W,
            bias=np.array([0.5]),
            stride=2,
            padding=1,
            visible=True,
        ),
    ]
    # (English name, Chinese name, input, weight, keyword arguments)
    rows = [
        ("channels and a batch", "多通道与批次", x, w, {"bias": b}),
        ("stride and padding per axis", "各轴不同的步幅和填充", x, w, {"bias": b, "stride": (2, 1), "padding": (0, 2)}),
        ("dilation 2", "膨胀系数 2", x, w, {"dilation": 2, "padding": 1}),
        ("two groups", "两个分组", xg, wg, {"bias": bg, "groups": 2, "padding": 1}),
        ("depthwise: one group per channel", "深度卷积：每个通道一组", xd, wd, {"bias": bd, "groups": 3}),
        ("'same' with an odd kernel", "奇数卷积核的 'same'", x, w, {"padding": "same", "dilation": (1, 2)}),
        ("'same' with an even kernel", "偶数卷积核的 'same'", xe, we, {"bias": be, "padding": "same"}),
        ("'valid' is no padding", "'valid' 即不填充", xe, we, {"padding": "valid", "stride": (1, 2)}),
        ("an unbatched image", "不带批维度的图像", x[0], w, {"bias": b, "stride": 2}),
        ("input channels that do not match the weight", "输入通道与权重不匹配", x, wg, {}),
        ("a kernel larger than the input", "卷积核比输入还大", x[:, :, :2, :2], w, {}),
        ("'same' with stride 2", "步幅为 2 时的 'same'", x, w, {"padding": "same", "stride": 2}),
        ("stride 0", "步幅为 0", x, w, {"stride": 0}),
    ]
    return cases + [_conv(bilingual(en, zh), inputs, weight, **kwargs) for en, zh, inputs, weight, kwargs in rows]


def _size_cases(rng):
    # (English name, Chinese name, (size, kernel, stride, padding, dilation))
    rows = [
        ("output size with dilation", "有膨胀时的输出大小", (28, 3, 1, 0, 3)),
        (
            "output size that does not divide evenly",
            "不能整除时的输出大小",
            (int(rng.integers(20, 40)) * 2 + 1, 4, 3, 1, 1),
        ),
    ]
    return [
        _size(bilingual("example: 'same'-sized output", "示例：输出与输入一样大"), 32, 3, 1, 1, 1, visible=True),
        _size(bilingual("example: stride 2 halves it", "示例：步幅 2 减半"), 32, 3, 2, 1, 1, visible=True),
        *(_size(bilingual(en, zh), *args) for en, zh, args in rows),
    ]


def make_cases(rng):
    cases = _conv_cases(rng) + _size_cases(rng)
    for i in range(2):
        groups = int(rng.choice([1, 2]))
        c_in, c_out = groups * int(rng.integers(1, 4)), groups * int(rng.integers(1, 4))
        kernel = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        x, w, b = _layer(
            rng,
            int(rng.integers(1, 4)),
            c_in,
            (int(rng.integers(8, 16)), int(rng.integers(8, 16))),
            c_out,
            kernel,
            groups,
        )
        cases.append(
            _conv(
                bilingual(f"random layer {i + 1}", f"随机卷积层 {i + 1}"),
                x,
                w,
                bias=b,
                stride=(int(rng.integers(1, 3)), int(rng.integers(1, 3))),
                padding=(int(rng.integers(0, 3)), int(rng.integers(0, 3))),
                dilation=int(rng.integers(1, 3)),
                groups=groups,
            )
        )
        size, k, s, p, d = (
            int(rng.integers(10, 200)),
            int(rng.integers(1, 6)),
            int(rng.integers(1, 4)),
            int(rng.integers(0, 3)),
            int(rng.integers(1, 3)),
        )
        cases.append(_size(bilingual(f"random output size {i + 1}", f"随机输出大小 {i + 1}"), size, k, s, p, d))
    return with_hints(cases, HINTS)
