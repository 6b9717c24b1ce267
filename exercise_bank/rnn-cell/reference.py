import numpy as np

ACTIVATIONS = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}


def _activation(nonlinearity):
    if nonlinearity not in ACTIVATIONS:
        raise ValueError(f"unknown nonlinearity {nonlinearity!r}: use 'tanh' or 'relu'")
    return ACTIVATIONS[nonlinearity]


def _step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, act):
    z = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        z = z + bias_ih + bias_hh
    return act(z)


def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    act = _activation(nonlinearity)
    x = np.asarray(x, dtype=float)
    hidden = weight_hh.shape[0]
    if h is None:
        h = np.zeros((*x.shape[:-1], hidden))
    return _step(x, np.asarray(h, dtype=float), weight_ih, weight_hh, bias_ih, bias_hh, act)


def rnn_forward(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh", batch_first=False):
    act = _activation(nonlinearity)
    x = np.asarray(x, dtype=float)
    unbatched = x.ndim == 2
    if unbatched:
        x = x[:, None, :]
    elif batch_first:
        x = x.transpose(1, 0, 2)
    steps, batch, _ = x.shape
    hidden = weight_hh.shape[0]
    # h0 is (num_layers=1, batch, hidden): one layer's state per sequence in the batch.
    h = np.zeros((batch, hidden)) if h0 is None else np.asarray(h0, dtype=float).reshape(batch, hidden)
    outputs = np.empty((steps, batch, hidden))
    for t in range(steps):
        h = _step(x[t], h, weight_ih, weight_hh, bias_ih, bias_hh, act)
        outputs[t] = h
    if unbatched:
        return outputs[:, 0, :], h[None, 0, :]
    if batch_first:
        outputs = outputs.transpose(1, 0, 2)
    return outputs, h[None]
