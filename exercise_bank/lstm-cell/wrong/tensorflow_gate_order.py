# Mistake: splits the gates in TensorFlow 1's order (input, cell, forget, output), not torch's (input, forget, cell, output).
import numpy as np


def _sigmoid(z):
    # exp of a negative number only: no overflow warning for large |z|.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _step(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh):
    gates = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        gates = gates + bias_ih + bias_hh
    # torch stacks the four gates' rows in the order input, forget, cell candidate, output.
    i, g, f, o = np.split(gates, 4, axis=-1)
    c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    h = _sigmoid(o) * np.tanh(c)
    return h, c


def _hidden(weight_hh):
    return weight_hh.shape[1]


def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    x = np.asarray(x, dtype=float)
    if state is None:
        zeros = np.zeros((*x.shape[:-1], _hidden(weight_hh)))
        state = (zeros, zeros)
    h, c = (np.asarray(s, dtype=float) for s in state)
    return _step(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh)


def lstm_forward(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None, batch_first=False):
    x = np.asarray(x, dtype=float)
    unbatched = x.ndim == 2
    if unbatched:
        x = x[:, None, :]
    elif batch_first:
        x = x.transpose(1, 0, 2)
    steps, batch, _ = x.shape
    hidden = _hidden(weight_hh)
    if state is None:
        h, c = np.zeros((batch, hidden)), np.zeros((batch, hidden))
    else:
        # (num_layers=1, batch, hidden) -> (batch, hidden)
        h, c = (np.asarray(s, dtype=float).reshape(batch, hidden) for s in state)
    outputs = np.empty((steps, batch, hidden))
    for t in range(steps):
        h, c = _step(x[t], h, c, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs[t] = h
    if unbatched:
        return outputs[:, 0, :], (h[None, 0, :], c[None, 0, :])
    if batch_first:
        outputs = outputs.transpose(1, 0, 2)
    return outputs, (h[None], c[None])
