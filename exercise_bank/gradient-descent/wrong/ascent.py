# Mistake: steps along the gradient (gradient ascent), so f grows instead of shrinking.
def gradient_descent(grad, x0, lr, steps):
    x = x0.astype(float)
    for _ in range(steps):
        x = x + lr * grad(x)
    return x
