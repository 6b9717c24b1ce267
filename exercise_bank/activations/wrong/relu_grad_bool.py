# Mistake: relu_grad returns a boolean array instead of floats.
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return x > 0
