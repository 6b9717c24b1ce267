"""Oracle: SciPy's softmax (subtracts the maximum along the axis, like the statement asks)."""

import scipy.special


def softmax(x, axis=-1):
    return scipy.special.softmax(x, axis=axis)
