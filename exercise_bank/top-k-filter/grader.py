"""Cases for top-k-filter: batches, ties at the threshold, k = 1 and k = vocab, -inf inputs, bad k."""

from dataclasses import replace

import numpy as np

from gpu_runner.graders.code import Case

# Shown when a hidden case fails, chosen by the start of the case's name (the first match wins).
HINTS = {
    "k = 1": "keep only the largest value of each row (and any value tied with it)",
    "k = vocab": "with k equal to the row length nothing is removed",
    "random k": "keep the values >= the k-th largest, replace the others by -inf (not 0)",
    "a batch of rows": "each row has its own threshold: sort along axis=-1, not over the whole array",
    "two batch dimensions": "work along the last axis only, whatever the leading dimensions",
    "many ties": "keep every value equal to the k-th largest, even if that keeps more than k values",
    "a constant row": "all values tie with the k-th largest, so all are kept",
    "large logits": "keep the original values unchanged; only the removed ones become -inf",
    "rows that already contain -inf": "-inf counts like any other value",
    "a single-token vocabulary": "with vocab = 1 and k = 1 the row is kept",
    "k = 0 raises": "raise ValueError unless 1 <= k <= logits.shape[-1]",
    "k > vocab raises": "raise ValueError unless 1 <= k <= logits.shape[-1]",
}


def _with_hints(cases):
    return [
        replace(case, hint=next((h for prefix, h in HINTS.items() if case.name.startswith(prefix)), case.hint))
        for case in cases
    ]


def make_cases(rng):
    cases = [
        Case(
            name="statement example, one row",
            fn="top_k_filter",
            args=(np.array([2.0, -1.0, 0.5, 3.0]), 2),
            visible=True,
        ),
        Case(
            name="statement example, ties at the threshold",
            fn="top_k_filter",
            args=(np.array([[1.0, 3.0, 3.0, 2.0], [0.0, -5.0, 4.0, 1.0]]), 2),
            visible=True,
        ),
    ]
    vocab = int(rng.integers(10, 60))
    row = rng.normal(size=vocab) * 3.0
    cases.append(Case(name="k = 1 (greedy)", fn="top_k_filter", args=(row, 1)))
    cases.append(Case(name="k = vocab keeps everything", fn="top_k_filter", args=(row, vocab)))
    cases.append(Case(name="random k", fn="top_k_filter", args=(row, int(rng.integers(2, vocab)))))

    batch = rng.normal(size=(int(rng.integers(2, 6)), vocab))
    cases.append(
        Case(
            name="a batch of rows (each row has its own threshold)",
            fn="top_k_filter",
            args=(batch * rng.uniform(0.1, 10.0, size=(batch.shape[0], 1)), int(rng.integers(2, 6))),
        )
    )
    cases.append(
        Case(
            name="two batch dimensions", fn="top_k_filter", args=(rng.normal(size=(2, 3, 17)), int(rng.integers(1, 18)))
        )
    )

    ties = rng.integers(-3, 4, size=(4, 12)).astype(np.float64)
    for k in (2, 5):
        cases.append(Case(name=f"many ties (integer-valued logits), k = {k}", fn="top_k_filter", args=(ties, k)))
    cases.append(Case(name="a constant row keeps everything", fn="top_k_filter", args=(np.full((2, 6), 1.5), 3)))

    large = rng.normal(size=(3, 20)) * 1e4
    cases.append(Case(name="large logits", fn="top_k_filter", args=(large, 4)))
    with_inf = rng.normal(size=(2, 8))
    with_inf[:, :3] = -np.inf
    cases.append(Case(name="rows that already contain -inf", fn="top_k_filter", args=(with_inf, 6)))
    cases.append(Case(name="a single-token vocabulary", fn="top_k_filter", args=(rng.normal(size=(3, 1)), 1)))
    cases.append(Case(name="k = 0 raises ValueError", fn="top_k_filter", args=(row, 0)))
    cases.append(Case(name="k > vocab raises ValueError", fn="top_k_filter", args=(row, vocab + 1)))
    return _with_hints(cases)
