"""conv2d through torch.nn.functional.conv2d. torch raises RuntimeError for bad arguments (every error from its
C++ core does); the statement asks for ValueError, the Python convention for a bad argument value, so that is the
one difference bridged here."""

import torch
import torch.nn.functional as F


def conv2d_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    x = torch.zeros(1, 1, size, 1)
    weight = torch.zeros(1, 1, kernel_size, 1)
    return F.conv2d(x, weight, stride=(stride, 1), padding=(padding, 0), dilation=(dilation, 1)).shape[2]


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    def t(a):
        return None if a is None else torch.tensor(a, dtype=torch.float64)

    stride, dilation = (tuple(v) if isinstance(v, (list, tuple)) else v for v in (stride, dilation))
    padding = tuple(padding) if isinstance(padding, (list, tuple)) else padding
    try:
        return F.conv2d(t(x), t(weight), t(bias), stride, padding, dilation, groups).numpy()
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
