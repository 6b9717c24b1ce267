"""Cases for positional-encoding: the paper's shapes, odd widths, long sequences and empty input."""

from dataclasses import replace

from gpu_runner.graders.code import Case

# Shown when a hidden case fails, chosen by the start of the case's name (the first match wins).
HINTS = {
    "odd d_model": "with an odd d_model the last column is a sine column with no cosine partner",
    "d_model = 1": "d_model = 1 has a single sine column",
    "seq_len = 1": "row 0 is [0, 1, 0, 1, ...]",
    "seq_len = 0": "seq_len = 0 gives an array of shape (0, d_model)",
    "long sequence": "the angle is pos / 10000^(2i/d_model), computed in float64",
    "the paper's width": "columns 2i and 2i+1 share the exponent 2i/d_model",
    "random shape": "even columns sine, odd columns cosine, exponent 2i/d_model for both",
}


def _with_hints(cases):
    return [
        replace(case, hint=next((h for prefix, h in HINTS.items() if case.name.startswith(prefix)), case.hint))
        for case in cases
    ]


def make_cases(rng):
    cases = [
        Case(name="seq_len=2, d_model=4", fn="positional_encoding", args=(2, 4), visible=True),
        Case(name="seq_len=5, d_model=6", fn="positional_encoding", args=(5, 6), visible=True),
        Case(name="odd d_model = 7", fn="positional_encoding", args=(6, 7)),
        Case(name="d_model = 1 (a single sine column)", fn="positional_encoding", args=(4, 1)),
        Case(name="seq_len = 1", fn="positional_encoding", args=(1, 16)),
        Case(name="seq_len = 0 (empty)", fn="positional_encoding", args=(0, 8)),
        Case(name="long sequence (positions up to 999)", fn="positional_encoding", args=(1000, 6)),
        Case(name="the paper's width d_model = 512", fn="positional_encoding", args=(3, 512)),
    ]
    for i in range(3):
        seq_len = int(rng.integers(2, 50))
        d_model = int(rng.integers(2, 40))
        cases.append(Case(name=f"random shape {i + 1}", fn="positional_encoding", args=(seq_len, d_model)))
    return _with_hints(cases)
