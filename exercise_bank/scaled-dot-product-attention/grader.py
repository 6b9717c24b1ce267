"""Cases for scaled-dot-product-attention.

Random shapes with zero to two batch dimensions, cross-attention (L_q != L_k), masks of several
broadcast shapes (every query row keeps at least one allowed key), and large logits that overflow a
softmax without the max-subtraction.
"""

from dataclasses import replace

import numpy as np

from gpu_runner.graders.code import Case


def _mask(rng, shape):
    """A random boolean mask of `shape` (..., L_q, L_k) with at least one True per row."""
    mask = rng.random(shape) < 0.6
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(rows.shape[0]), rng.integers(0, shape[-1], size=rows.shape[0])] = True
    return rows.reshape(shape)


def _qkv(rng, batch, l_q, l_k, d_k, d_v, scale=1.0):
    q = rng.normal(size=(*batch, l_q, d_k)) * scale
    k = rng.normal(size=(*batch, l_k, d_k)) * scale
    v = rng.normal(size=(*batch, l_k, d_v))
    return q, k, v


# Shown when a hidden case fails, chosen by the start of the case's name (the first match wins).
HINTS = {
    "no batch dimension": "scale the scores by 1/sqrt(d_k) and take the softmax over the keys (the last axis)",
    "one batch dimension, cross-attention": "with L_q != L_k, use k's transpose on its last two axes: np.swapaxes(k, -1, -2)",
    "two batch dimensions": "use @ with np.swapaxes(k, -1, -2) so any number of leading batch dimensions works",
    "full-shape mask": "True in the mask means the query may attend; set the scores where it is False to -inf",
    "large logits": "subtract each row's maximum score before np.exp, or exp overflows to inf and the weights become nan",
    "a single key": "with one key every weight is 1",
    "d_k = 1": "d_k is q.shape[-1]; scale by 1/sqrt(d_k)",
}


def _with_hints(cases):
    return [
        replace(case, hint=next((h for prefix, h in HINTS.items() if case.name.startswith(prefix)), case.hint))
        for case in cases
    ]


def make_cases(rng):
    example_q = np.array([[1.0, 0.0]])
    example_k = np.array([[1.0, 0.0], [0.0, 1.0]])
    example_v = np.array([[1.0], [2.0]])
    cases = [
        Case(name="statement example", fn="attention", args=(example_q, example_k, example_v), visible=True),
        Case(
            name="statement example with a mask",
            fn="attention",
            args=(example_q, example_k, example_v),
            kwargs={"mask": np.array([[False, True]])},
            visible=True,
        ),
    ]
    q, k, v = _qkv(rng, (), 4, 4, 3, 2)
    causal = np.tril(np.ones((4, 4), dtype=bool))
    cases.append(
        Case(name="causal mask, no batch", fn="attention", args=(q, k, v), kwargs={"mask": causal}, visible=True)
    )

    q, k, v = _qkv(rng, (), int(rng.integers(2, 7)), int(rng.integers(2, 7)), int(rng.integers(1, 9)), 3)
    cases.append(Case(name="no batch dimension, no mask", fn="attention", args=(q, k, v)))

    batch = (int(rng.integers(2, 4)),)
    q, k, v = _qkv(rng, batch, 5, 7, 8, 4)
    cases.append(Case(name="one batch dimension, cross-attention (L_q != L_k)", fn="attention", args=(q, k, v)))

    batch = (2, 3)
    q, k, v = _qkv(rng, batch, 6, 6, 4, 5)
    cases.append(Case(name="two batch dimensions", fn="attention", args=(q, k, v)))
    cases.append(
        Case(
            name="two batch dimensions, one mask for all (L_q, L_k)",
            fn="attention",
            args=(q, k, v),
            kwargs={"mask": _mask(rng, (6, 6))},
        )
    )
    cases.append(
        Case(
            name="two batch dimensions, mask broadcast over the second (2, 1, L_q, L_k)",
            fn="attention",
            args=(q, k, v),
            kwargs={"mask": _mask(rng, (2, 1, 6, 6))},
        )
    )
    cases.append(
        Case(
            name="full-shape mask (2, 3, L_q, L_k)",
            fn="attention",
            args=(q, k, v),
            kwargs={"mask": _mask(rng, (2, 3, 6, 6))},
        )
    )

    q, k, v = _qkv(rng, (3,), 5, 5, 16, 4, scale=40.0)
    cases.append(Case(name="large logits (scores in the thousands)", fn="attention", args=(q, k, v)))
    cases.append(
        Case(
            name="large logits with a causal mask",
            fn="attention",
            args=(q, k, v),
            kwargs={"mask": np.tril(np.ones((5, 5), dtype=bool))},
        )
    )

    q, k, v = _qkv(rng, (2,), 3, 1, 4, 2)
    cases.append(Case(name="a single key (L_k = 1)", fn="attention", args=(q, k, v)))

    q, k, v = _qkv(rng, (2,), 1, 4, 1, 3)
    cases.append(Case(name="d_k = 1 and a single query", fn="attention", args=(q, k, v)))
    return _with_hints(cases)
