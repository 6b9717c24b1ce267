def conv2d_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    """The output length along one spatial dimension of an input of length `size` (all arguments ints)."""
    raise NotImplementedError


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """A 2-D convolution (cross-correlation) as torch.nn.functional.conv2d.

    x: (N, C_in, H, W) or (C_in, H, W); weight: (C_out, C_in // groups, kH, kW); bias: (C_out,) or None.
    stride, dilation: an int or a pair (for height, width); padding: an int, a pair, "valid" or "same".
    Returns (N, C_out, H_out, W_out), or (C_out, H_out, W_out) for an unbatched x.
    """
    raise NotImplementedError
