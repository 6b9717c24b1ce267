"""lstm-cell through torch.nn.LSTMCell and torch.nn.LSTM, the given weights loaded into them."""

import torch


def _t(array):
    return None if array is None else torch.tensor(array, dtype=torch.float64)


def _load(module, names, weight_ih, weight_hh, bias_ih, bias_hh):
    values = [weight_ih, weight_hh] + ([bias_ih, bias_hh] if bias_ih is not None else [])
    module.load_state_dict(dict(zip(names, map(_t, values))))
    return module


def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    hidden4, inputs = weight_ih.shape
    cell = torch.nn.LSTMCell(inputs, hidden4 // 4, bias=bias_ih is not None).double()
    _load(cell, ["weight_ih", "weight_hh", "bias_ih", "bias_hh"], weight_ih, weight_hh, bias_ih, bias_hh)
    with torch.no_grad():
        h, c = cell(_t(x), None if state is None else tuple(map(_t, state)))
    return h.numpy(), c.numpy()


def lstm_forward(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None, batch_first=False):
    hidden4, inputs = weight_ih.shape
    lstm = torch.nn.LSTM(inputs, hidden4 // 4, bias=bias_ih is not None, batch_first=batch_first).double()
    _load(lstm, ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], weight_ih, weight_hh, bias_ih, bias_hh)
    with torch.no_grad():
        output, (h, c) = lstm(_t(x), None if state is None else tuple(map(_t, state)))
    return output.numpy(), (h.numpy(), c.numpy())
