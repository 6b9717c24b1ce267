def rnn_cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    """One step of an Elman RNN: h' = act(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh).

    x: (batch, input_size) or (input_size,); h: (batch, hidden_size) or (hidden_size,), or None for zeros.
    weight_ih: (hidden_size, input_size); weight_hh: (hidden_size, hidden_size); biases (hidden_size,) or None.
    nonlinearity: "tanh" or "relu". Returns h' shaped like h.
    """
    raise NotImplementedError


def rnn_forward(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh", batch_first=False):
    """Run the cell over a sequence, as torch.nn.RNN (one layer, one direction).

    x: (seq_len, batch, input_size), or (batch, seq_len, input_size) with batch_first, or (seq_len, input_size).
    h0: (1, batch, hidden_size) or (1, hidden_size), or None for zeros.
    Returns (output, h_n): every step's hidden state, shaped like x with hidden_size last, and the last one,
    shaped like h0.
    """
    raise NotImplementedError
