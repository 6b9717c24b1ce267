# Mistake: takes the bias gradients from the first sample only instead of summing over the batch.
import numpy as np


def mlp_gradients(x, y, w1, b1, w2, b2):
    n = x.shape[0]
    hidden = np.tanh(x @ w1 + b1)
    logits = hidden @ w2 + b2
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    loss = -float(np.log(probs[np.arange(n), y]).mean())
    d_logits = probs.copy()
    d_logits[np.arange(n), y] -= 1.0
    d_logits /= n
    d_hidden = (d_logits @ w2.T) * (1.0 - hidden**2)
    return {"loss": loss, "w1": x.T @ d_hidden, "b1": d_hidden[0], "w2": hidden.T @ d_logits, "b2": d_logits[0]}
