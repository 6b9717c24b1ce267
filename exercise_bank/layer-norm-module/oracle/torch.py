"""layer-norm-module through torch.nn.LayerNorm itself: the class the statement describes is torch's."""

from torch import nn


class LayerNorm(nn.LayerNorm):
    pass
