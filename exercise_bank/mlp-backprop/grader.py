"""Cases for mlp-backprop: gradients are checked against central differences of the loss, computed here."""

import numpy as np

from gpu_runner.graders.code import Case, diff

PARAMS = ("w1", "b1", "w2", "b2")
EPS = 1e-6


def _problem(rng, n, d, h, c):
    x = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    w1 = rng.normal(scale=0.8, size=(d, h))
    b1 = rng.normal(scale=0.1, size=h)
    w2 = rng.normal(scale=0.8, size=(h, c))
    b2 = rng.normal(scale=0.1, size=c)
    return (x, y, w1, b1, w2, b2)


def make_cases(rng):
    example = (
        np.array([[1.0, -1.0]]),
        np.array([0]),
        np.array([[0.5, -0.5], [0.25, 0.0]]),
        np.zeros(2),
        np.array([[1.0, -1.0], [0.0, 0.5]]),
        np.zeros(2),
    )
    cases = [
        Case(name="example: one sample", fn="mlp_gradients", args=example, visible=True, rtol=1e-4, atol=1e-7),
        Case(
            name="a batch of 8: the loss is a mean",
            fn="mlp_gradients",
            args=_problem(rng, 8, 3, 4, 3),
            rtol=1e-4,
            atol=1e-7,
            hint="the loss is a mean: dL/dZ = (P - Y) / n, and a bias gradient sums over the rows",
        ),
        Case(
            name="large logits stay finite",
            fn="mlp_gradients",
            args=(*_problem(rng, 5, 4, 6, 3)[:4], rng.normal(scale=60.0, size=(6, 3)), np.zeros(3)),
            rtol=1e-4,
            atol=1e-7,
            hint="subtract the row maximum before exp in the softmax",
        ),
    ]
    for i in range(3):
        n, d, h, c = (int(v) for v in rng.integers(2, 7, size=4))
        cases.append(
            Case(
                name=f"random network {i + 1}: n={n}, d={d}, h={h}, c={c}",
                fn="mlp_gradients",
                args=_problem(rng, n, d, h, c),
                rtol=1e-4,
                atol=1e-7,
                hint="the hidden layer's gradient includes tanh'(u) = 1 - tanh(u)**2",
            )
        )
    return cases


def loss(x, y, w1, b1, w2, b2):
    logits = np.tanh(x @ w1 + b1) @ w2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -float(log_probs[np.arange(x.shape[0]), y].mean())


def numerical_gradients(args):
    """Central differences of the loss with respect to every parameter, one entry at a time."""
    x, y, *params = (np.array(a, dtype=np.float64) if i != 1 else np.asarray(a) for i, a in enumerate(args))
    grads = {}
    for index, name in enumerate(PARAMS):
        grad = np.zeros_like(params[index])
        for position in np.ndindex(params[index].shape):
            original = params[index][position]
            params[index][position] = original + EPS
            up = loss(x, y, *params)
            params[index][position] = original - EPS
            down = loss(x, y, *params)
            params[index][position] = original
            grad[position] = (up - down) / (2 * EPS)
        grads[name] = grad
    return grads


def check(case, expected, got):
    if not isinstance(got, dict):
        return f"return a dict with keys loss, w1, b1, w2, b2; got {type(got).__name__}"
    missing = [key for key in ("loss", *PARAMS) if key not in got]
    if missing:
        return f"the dict is missing {', '.join(missing)}"
    mismatch = diff(expected["loss"], got["loss"], rtol=1e-6, atol=1e-9)
    if mismatch is not None:
        return f"loss: {mismatch.message() if case.visible else mismatch.reason}"
    numerical = numerical_gradients(case.args)
    for name in PARAMS:
        mismatch = diff(numerical[name], got[name], rtol=case.rtol, atol=case.atol)
        if mismatch is not None:
            text = mismatch.message() if case.visible else mismatch.reason
            return f"gradient {name} does not match the numerical gradient: {text}"
    return None
