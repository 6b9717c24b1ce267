# Mistake: with 'same' padding and an even kernel, puts the extra zero before (top, left) instead of after.
import numpy as np


def _pair(value, name, minimum):
    pair = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(pair) != 2 or any(int(v) < minimum for v in pair):
        raise ValueError(f"{name} must be an int or a pair of ints >= {minimum}, got {value!r}")
    return int(pair[0]), int(pair[1])


def conv2d_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    # The kernel spans dilation * (kernel_size - 1) + 1 input positions; it fits floor(...) + 1 times.
    span = dilation * (kernel_size - 1) + 1
    return (size + 2 * padding - span) // stride + 1


def _paddings(padding, kernel, dilation, stride):
    """((top, bottom), (left, right)) zero padding."""
    if isinstance(padding, str):
        if padding == "valid":
            return (0, 0), (0, 0)
        if padding != "same":
            raise ValueError(f"padding must be an int, a pair, 'valid' or 'same', got {padding!r}")
        if stride != (1, 1):
            raise ValueError("padding='same' is not supported for strided convolutions")
        # An even total goes half on each side; an odd one puts the extra zero after (bottom / right), as torch.
        totals = [d * (k - 1) for d, k in zip(dilation, kernel)]
        return tuple((t - t // 2, t // 2) for t in totals)
    ph, pw = _pair(padding, "padding", 0)
    return (ph, ph), (pw, pw)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    if x.ndim != 4 or weight.ndim != 4:
        raise ValueError(
            f"x must be (N, C, H, W) or (C, H, W) and weight (C_out, C_in/groups, kH, kW), got {x.shape}, {weight.shape}"
        )
    stride, dilation = _pair(stride, "stride", 1), _pair(dilation, "dilation", 1)
    n, c_in, _, _ = x.shape
    c_out, c_per_group, kh, kw = weight.shape
    if groups < 1 or c_out % groups or c_in != c_per_group * groups:
        raise ValueError(
            f"groups={groups} with weight {weight.shape} needs {c_per_group * groups} input channels, got {c_in}"
        )
    if bias is not None and np.shape(bias) != (c_out,):
        raise ValueError(f"bias must have shape ({c_out},), got {np.shape(bias)}")
    (top, bottom), (left, right) = _paddings(padding, (kh, kw), dilation, stride)
    x = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    h_out = (x.shape[2] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    w_out = (x.shape[3] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"the (dilated) kernel {kh}x{kw} does not fit in the padded input {x.shape[2]}x{x.shape[3]}")
    out = np.zeros((n, c_out, h_out, w_out))
    out_per_group = c_out // groups
    for g in range(groups):
        # Group g: input channels [g * c_per_group, ...) feed output channels [g * out_per_group, ...).
        xg = x[:, g * c_per_group : (g + 1) * c_per_group]
        wg = weight[g * out_per_group : (g + 1) * out_per_group]
        for i in range(kh):
            for j in range(kw):
                # Every output position's input for kernel tap (i, j), at once: a strided slice.
                top_i, left_j = i * dilation[0], j * dilation[1]
                patch = xg[
                    :,
                    :,
                    top_i : top_i + stride[0] * (h_out - 1) + 1 : stride[0],
                    left_j : left_j + stride[1] * (w_out - 1) + 1 : stride[1],
                ]
                out[:, g * out_per_group : (g + 1) * out_per_group] += np.einsum("nchw,oc->nohw", patch, wg[:, :, i, j])
    if bias is not None:
        out += np.asarray(bias, dtype=float)[None, :, None, None]
    return out[0] if unbatched else out
