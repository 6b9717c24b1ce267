# Mistake: takes one step too few.
def gradient_descent(grad, x0, lr, steps):
    x = x0.astype(float)
    for _ in range(steps - 1):
        x = x - lr * grad(x)
    return x
