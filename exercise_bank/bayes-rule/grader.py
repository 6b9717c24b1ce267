"""Cases for bayes-rule: the statement's examples shown; certain priors, impossible evidence, random values hidden."""

from gpu_runner.graders.code import Case


def _p(rng):
    return float(rng.uniform(0.01, 0.99))


def make_cases(rng):
    cases = [
        Case(
            name={"en": "example: the medical test", "zh": "示例：医学检测"},
            fn="posterior",
            args=(0.01, 0.9, 0.05),
            visible=True,
        ),
        Case(
            name={"en": "example: uninformative evidence", "zh": "示例：没有信息量的证据"},
            fn="posterior",
            args=(0.5, 0.8, 0.8),
            visible=True,
        ),
        Case(
            name={"en": "example: a prior above 1 raises ValueError", "zh": "示例：先验大于 1 时抛出 ValueError"},
            fn="posterior",
            args=(1.5, 0.9, 0.05),
            visible=True,
        ),
        Case(
            name={"en": "a negative likelihood raises ValueError", "zh": "似然为负时抛出 ValueError"},
            fn="posterior",
            args=(_p(rng), -0.1, _p(rng)),
        ),
        Case(
            name={"en": "impossible evidence raises ValueError", "zh": "不可能出现的证据抛出 ValueError"},
            fn="posterior",
            args=(0.0, _p(rng), 0.0),
            hint={
                "en": "P(E) = P(E|H) P(H) + P(E|not H) (1 - P(H)) can be 0",
                "zh": "P(E) = P(E|H) P(H) + P(E|非 H) (1 - P(H)) 可能为 0",
            },
        ),
        Case(
            name={"en": "a prior of 0 stays 0", "zh": "先验为 0 时后验仍为 0"},
            fn="posterior",
            args=(0.0, _p(rng), _p(rng)),
        ),
        Case(
            name={"en": "a prior of 1 stays 1", "zh": "先验为 1 时后验仍为 1"},
            fn="posterior",
            args=(1.0, _p(rng), _p(rng)),
        ),
        Case(
            name={"en": "evidence only possible under H gives 1", "zh": "只在 H 下可能出现的证据给出 1"},
            fn="posterior",
            args=(_p(rng), _p(rng), 0.0),
        ),
        Case(
            name={"en": "a rare hypothesis with a good test", "zh": "罕见假设配上准确的检测"},
            fn="posterior",
            args=(float(rng.uniform(0.0001, 0.01)), float(rng.uniform(0.9, 0.999)), float(rng.uniform(0.01, 0.1))),
            hint={
                "en": "the prior matters: divide by P(E), which includes the false positives",
                "zh": "先验很重要：要除以 P(E)，其中包含了假阳性",
            },
        ),
    ]
    for i in range(4):
        cases.append(
            Case(
                name={"en": f"random probabilities {i + 1}", "zh": f"随机概率 {i + 1}"},
                fn="posterior",
                args=(_p(rng), _p(rng), _p(rng)),
            )
        )
    return cases
