def adam_step(param, grad, m, v, t, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    """Apply one Adam update (step number t, counting from 1) to `param` with gradient `grad`.

    m, v: the first and second moment estimates before this step (arrays shaped like param; zeros before step 1).
    weight_decay: an L2 term added to the gradient (torch.optim.Adam), or with decoupled=True a decay of the
    weights themselves (torch.optim.AdamW).
    Returns (new_param, new_m, new_v).
    """
    raise NotImplementedError


def adam_minimize(grad_fn, x0, steps, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
    """Run `steps` Adam updates from x0, calling grad_fn(x) for the gradient at the current point.

    Returns the trajectory: an array of shape (steps + 1, len(x0)), row 0 being x0.
    """
    raise NotImplementedError
