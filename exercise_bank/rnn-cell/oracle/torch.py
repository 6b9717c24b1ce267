"""rnn-cell through torch.nn.RNNCell and torch.nn.RNN, the given weights loaded into them. The nonlinearity is
checked up front as torch.nn.RNN's constructor checks it (ValueError); RNNCell would only fail on its first
call, with a RuntimeError."""

import torch


def _check(nonlinearity):
    if nonlinearity not in ("tanh", "relu"):
        raise ValueError(f"unknown nonlinearity {nonlinearity!r}")


def _t(array):
    return None if array is None else torch.tensor(array, dtype=torch.float64)


def _load(module, names, weight_ih, weight_hh, bias_ih, bias_hh):
    values = [weight_ih, weight_hh] + ([bias_ih, bias_hh] if bias_ih is not None else [])
    module.load_state_dict(dict(zip(names, map(_t, values))))
    return module


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    _check(nonlinearity)
    hidden, inputs = weight_ih.shape
    cell = torch.nn.RNNCell(inputs, hidden, bias=bias_ih is not None, nonlinearity=nonlinearity).double()
    _load(cell, ["weight_ih", "weight_hh", "bias_ih", "bias_hh"], weight_ih, weight_hh, bias_ih, bias_hh)
    with torch.no_grad():
        return cell(_t(x), _t(h)).numpy()


def rnn_forward(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh", batch_first=False):
    hidden, inputs = weight_ih.shape
    rnn = torch.nn.RNN(
        inputs, hidden, bias=bias_ih is not None, nonlinearity=nonlinearity, batch_first=batch_first
    ).double()
    names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
    _load(rnn, names, weight_ih, weight_hh, bias_ih, bias_hh)
    with torch.no_grad():
        output, h_n = rnn(_t(x), _t(h0))
    return output.numpy(), h_n.numpy()
