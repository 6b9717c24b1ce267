"""Cases for causal-mask: small sizes shown, edge sizes and random sizes hidden."""

from gpu_runner.graders.code import Case, with_hints

DIAGONAL = {
    "en": "True on and below the diagonal (j <= i), as a bool array",
    "zh": "对角线及其下方（j <= i）为 True，返回布尔数组",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "n = 0": {
        "en": "causal_mask(0) is a boolean array of shape (0, 0)",
        "zh": "causal_mask(0) 是形状为 (0, 0) 的布尔数组",
    },
    "n = 2": DIAGONAL,
    "random size": DIAGONAL,
}


def make_cases(rng):
    cases = [
        Case(name={"en": "n = 3", "zh": "n = 3"}, fn="causal_mask", args=(3,), visible=True),
        Case(name={"en": "n = 1", "zh": "n = 1"}, fn="causal_mask", args=(1,), visible=True),
        Case(name={"en": "n = 0 (empty)", "zh": "n = 0（空）"}, fn="causal_mask", args=(0,)),
        Case(name={"en": "n = 2", "zh": "n = 2"}, fn="causal_mask", args=(2,)),
    ]
    for i, n in enumerate(rng.integers(4, 65, size=4)):
        cases.append(
            Case(name={"en": f"random size {i + 1}", "zh": f"随机大小 {i + 1}"}, fn="causal_mask", args=(int(n),))
        )
    return with_hints(cases, HINTS)
