# Mistake: relu_grad is 1 at x == 0 (x >= 0 instead of x > 0).
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (x >= 0).astype(float)
