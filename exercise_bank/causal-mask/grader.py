"""Cases for causal-mask: small sizes shown, edge sizes and random sizes hidden."""

from dataclasses import replace

from gpu_runner.graders.code import Case

# Shown when a hidden case fails, chosen by the start of the case's name (the first match wins).
HINTS = {
    "n = 0": "causal_mask(0) is a boolean array of shape (0, 0)",
    "n = 2": "True on and below the diagonal (j <= i), as a bool array",
    "random size": "True on and below the diagonal (j <= i), as a bool array",
}


def _with_hints(cases):
    return [
        replace(case, hint=next((h for prefix, h in HINTS.items() if case.name.startswith(prefix)), case.hint))
        for case in cases
    ]


def make_cases(rng):
    cases = [
        Case(name="n = 3", fn="causal_mask", args=(3,), visible=True),
        Case(name="n = 1", fn="causal_mask", args=(1,), visible=True),
        Case(name="n = 0 (empty)", fn="causal_mask", args=(0,)),
        Case(name="n = 2", fn="causal_mask", args=(2,)),
    ]
    for i, n in enumerate(rng.integers(4, 65, size=4)):
        cases.append(Case(name=f"random size {i + 1}", fn="causal_mask", args=(int(n),)))
    return _with_hints(cases)
