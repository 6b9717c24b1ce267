"""Cases for causal-mask: small sizes shown, edge sizes and random sizes hidden."""

from gpu_runner.graders.code import Case


def make_cases(rng):
    cases = [
        Case(name="n = 3", fn="causal_mask", args=(3,), visible=True),
        Case(name="n = 1", fn="causal_mask", args=(1,), visible=True),
        Case(name="n = 0 (empty)", fn="causal_mask", args=(0,)),
        Case(name="n = 2", fn="causal_mask", args=(2,)),
    ]
    for i, n in enumerate(rng.integers(4, 65, size=4)):
        cases.append(Case(name=f"random size {i + 1}", fn="causal_mask", args=(int(n),)))
    return cases
