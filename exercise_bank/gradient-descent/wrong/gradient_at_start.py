# Mistake: evaluates the gradient once at x0 and reuses it for every step.
def gradient_descent(grad, x0, lr, steps):
    g = grad(x0)
    return x0 - steps * lr * g
