def lstm_cell(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    """One LSTM step, as torch.nn.LSTMCell.

    x: (batch, input_size) or (input_size,); state: a pair (h, c), each (batch, hidden_size) or (hidden_size,),
    or None for zeros. weight_ih: (4 * hidden_size, input_size) and weight_hh: (4 * hidden_size, hidden_size),
    the gates stacked in torch's order: input, forget, cell (g), output. Biases (4 * hidden_size,) or None.
    Returns the new (h, c).
    """
    raise NotImplementedError


def lstm_forward(x, state, weight_ih, weight_hh, bias_ih=None, bias_hh=None, batch_first=False):
    """Run the cell over a sequence, as torch.nn.LSTM (one layer, one direction).

    x: (seq_len, batch, input_size), or (batch, seq_len, input_size) with batch_first, or (seq_len, input_size).
    state: (h0, c0), each (1, batch, hidden_size) or (1, hidden_size), or None for zeros.
    Returns (output, (h_n, c_n)).
    """
    raise NotImplementedError
