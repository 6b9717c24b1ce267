# Mistake: sigmoid_grad uses x where it needs sigmoid(x): x * (1 - x).
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    return x * (1.0 - x)


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (x > 0).astype(float)
