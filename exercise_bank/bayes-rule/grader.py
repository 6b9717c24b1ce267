"""Cases for bayes-rule: the statement's examples shown; certain priors, impossible evidence, random values hidden."""

from gpu_runner.graders.code import Case


def _p(rng):
    return float(rng.uniform(0.01, 0.99))


def make_cases(rng):
    cases = [
        Case(name="example: the medical test", fn="posterior", args=(0.01, 0.9, 0.05), visible=True),
        Case(name="example: uninformative evidence", fn="posterior", args=(0.5, 0.8, 0.8), visible=True),
        Case(name="example: a prior above 1 raises ValueError", fn="posterior", args=(1.5, 0.9, 0.05), visible=True),
        Case(name="a negative likelihood raises ValueError", fn="posterior", args=(_p(rng), -0.1, _p(rng))),
        Case(
            name="impossible evidence raises ValueError",
            fn="posterior",
            args=(0.0, _p(rng), 0.0),
            hint="P(E) = P(E|H) P(H) + P(E|not H) (1 - P(H)) can be 0",
        ),
        Case(name="a prior of 0 stays 0", fn="posterior", args=(0.0, _p(rng), _p(rng))),
        Case(name="a prior of 1 stays 1", fn="posterior", args=(1.0, _p(rng), _p(rng))),
        Case(name="evidence only possible under H gives 1", fn="posterior", args=(_p(rng), _p(rng), 0.0)),
        Case(
            name="a rare hypothesis with a good test",
            fn="posterior",
            args=(float(rng.uniform(0.0001, 0.01)), float(rng.uniform(0.9, 0.999)), float(rng.uniform(0.01, 0.1))),
            hint="the prior matters: divide by P(E), which includes the false positives",
        ),
    ]
    for i in range(4):
        cases.append(Case(name=f"random probabilities {i + 1}", fn="posterior", args=(_p(rng), _p(rng), _p(rng))))
    return cases
