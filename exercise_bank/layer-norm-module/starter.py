import torch
from torch import nn


class LayerNorm(nn.Module):
    """Layer normalisation over the last len(normalized_shape) dimensions, as torch.nn.LayerNorm.

    normalized_shape: an int or a list/tuple of ints, the trailing shape to normalise over.
    eps: added to the variance before the square root.
    elementwise_affine: learnable `weight` (initialised to ones) and `bias` (zeros) of shape normalized_shape.
    bias: with elementwise_affine, whether there is a `bias` at all.
    """

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


# --- The grader calls this function. Leave it as it is: it only uses your class. ---------------------------------
def run_layer_norm(x, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, state=None, grad_output=None):
    """Build your LayerNorm in float64, record its fresh parameters, load `state` (name -> array) if given, run it
    on `x` and, if `grad_output` is given, backpropagate it. Returns NumPy arrays of what the grader compares."""
    module = LayerNorm(normalized_shape, eps=eps, elementwise_affine=elementwise_affine, bias=bias).double()
    result = {"parameters": {name: _array(p) for name, p in module.named_parameters()}}
    if state is not None:
        module.load_state_dict({name: torch.as_tensor(value) for name, value in state.items()})
    inputs = torch.tensor(x, dtype=torch.float64, requires_grad=grad_output is not None)
    output = module(inputs)
    result["output"] = _array(output)
    if grad_output is not None:
        output.backward(torch.as_tensor(grad_output, dtype=torch.float64))
        result["grad_input"] = _array(inputs.grad)
        result["grad_parameters"] = {name: _array(p.grad) for name, p in module.named_parameters()}
    return result


def _array(tensor):
    return None if tensor is None else tensor.detach().clone().numpy()
