"""Cases for multi-head-attention: batch dimensions, several head counts, masks, a bad head count."""

from dataclasses import replace

import numpy as np

from gpu_runner.graders.code import Case


def _weights(rng, d_model):
    return tuple(rng.normal(size=(d_model, d_model)) / np.sqrt(d_model) for _ in range(4))


def _mask(rng, shape):
    """A random boolean mask with at least one True per query row."""
    mask = rng.random(shape) < 0.6
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(rows.shape[0]), rng.integers(0, shape[-1], size=rows.shape[0])] = True
    return rows.reshape(shape)


# Shown when a hidden case fails, chosen by the start of the case's name (the first match wins).
HINTS = {
    "no batch, d_model=8, 1 head": "with one head, d_head = d_model and the result is attention followed by w_o",
    "no batch": "head j uses the consecutive columns j*d_head:(j+1)*d_head, scaled by 1/sqrt(d_head)",
    "one batch dimension, 4 heads": "split the last axis into (num_heads, d_head) and keep the batch dimensions in front",
    "one batch dimension, 3 heads, per-example mask": "the mask applies to every head: add a head axis, mask[..., None, :, :]",
    "two batch dimensions": "any number of leading batch dimensions; one (seq, seq) mask broadcasts over all of them",
    "a single token": "with seq = 1 every attention weight is 1",
    "large activations": "subtract each row's maximum score before np.exp",
    "d_model=6 with 4 heads": "raise ValueError when d_model is not divisible by num_heads",
}


def _with_hints(cases):
    return [
        replace(case, hint=next((h for prefix, h in HINTS.items() if case.name.startswith(prefix)), case.hint))
        for case in cases
    ]


def make_cases(rng):
    eye = np.eye(2)
    cases = [
        Case(
            name="statement example (two heads of width 1)",
            fn="multi_head_attention",
            args=(np.array([[1.0, 0.0], [0.0, 1.0]]), eye, eye, eye, eye, 2),
            visible=True,
        ),
    ]
    x = rng.normal(size=(4, 6))
    cases.append(
        Case(
            name="seq=4, d_model=6, 3 heads, causal mask",
            fn="multi_head_attention",
            args=(x, *_weights(rng, 6), 3),
            kwargs={"mask": np.tril(np.ones((4, 4), dtype=bool))},
            visible=True,
        )
    )
    x = rng.normal(size=(5, 8))
    w = _weights(rng, 8)
    for heads in (1, 2, 4, 8):
        cases.append(Case(name=f"no batch, d_model=8, {heads} head(s)", fn="multi_head_attention", args=(x, *w, heads)))
    x = rng.normal(size=(3, 6, 12))
    w = _weights(rng, 12)
    cases.append(Case(name="one batch dimension, 4 heads", fn="multi_head_attention", args=(x, *w, 4)))
    cases.append(
        Case(
            name="one batch dimension, 3 heads, per-example mask (batch, seq, seq)",
            fn="multi_head_attention",
            args=(x, *w, 3),
            kwargs={"mask": _mask(rng, (3, 6, 6))},
        )
    )
    x = rng.normal(size=(2, 2, 5, 8))
    w = _weights(rng, 8)
    cases.append(
        Case(
            name="two batch dimensions, 2 heads, one shared mask (seq, seq)",
            fn="multi_head_attention",
            args=(x, *w, 2),
            kwargs={"mask": _mask(rng, (5, 5))},
        )
    )
    x = rng.normal(size=(1, 16)) * 3.0
    cases.append(Case(name="a single token", fn="multi_head_attention", args=(x, *_weights(rng, 16), 4)))
    x = rng.normal(size=(2, 5, 8)) * 30.0
    cases.append(
        Case(
            name="large activations (stable softmax needed)", fn="multi_head_attention", args=(x, *_weights(rng, 8), 2)
        )
    )
    x = rng.normal(size=(3, 6))
    cases.append(
        Case(name="d_model=6 with 4 heads raises ValueError", fn="multi_head_attention", args=(x, *_weights(rng, 6), 4))
    )
    return _with_hints(cases)
