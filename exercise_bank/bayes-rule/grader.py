"""Cases for bayes-rule: the statement's examples shown; certain priors, impossible evidence, random values hidden."""

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker

_posterior = case_maker("posterior")


def _p(rng):
    return float(rng.uniform(0.01, 0.99))


def make_cases(rng):
    # (English name, Chinese name, (prior, p_e_given_h, p_e_given_not_h), hint), drawn in this order
    rows = [
        ("a negative likelihood raises ValueError", "似然为负时抛出 ValueError", (_p(rng), -0.1, _p(rng)), ""),
        (
            "impossible evidence raises ValueError",
            "不可能出现的证据抛出 ValueError",
            (0.0, _p(rng), 0.0),
            {
                "en": "P(E) = P(E|H) P(H) + P(E|not H) (1 - P(H)) can be 0",
                "zh": "P(E) = P(E|H) P(H) + P(E|非 H) (1 - P(H)) 可能为 0",
            },
        ),
        ("a prior of 0 stays 0", "先验为 0 时后验仍为 0", (0.0, _p(rng), _p(rng)), ""),
        ("a prior of 1 stays 1", "先验为 1 时后验仍为 1", (1.0, _p(rng), _p(rng)), ""),
        ("evidence only possible under H gives 1", "只在 H 下可能出现的证据给出 1", (_p(rng), _p(rng), 0.0), ""),
        (
            "a rare hypothesis with a good test",
            "罕见假设配上准确的检测",
            (float(rng.uniform(0.0001, 0.01)), float(rng.uniform(0.9, 0.999)), float(rng.uniform(0.01, 0.1))),
            {
                "en": "the prior matters: divide by P(E), which includes the false positives",
                "zh": "先验很重要：要除以 P(E)，其中包含了假阳性",
            },
        ),
    ]
    rows += [(f"random probabilities {i + 1}", f"随机概率 {i + 1}", (_p(rng), _p(rng), _p(rng)), "") for i in range(4)]
    return [
        _posterior({"en": "example: the medical test", "zh": "示例：医学检测"}, 0.01, 0.9, 0.05, visible=True),
        _posterior(
            {"en": "example: uninformative evidence", "zh": "示例：没有信息量的证据"}, 0.5, 0.8, 0.8, visible=True
        ),
        _posterior(
            raises_value_error("example: a prior above 1", "示例：先验大于 1 "),
            1.5,
            0.9,
            0.05,
            visible=True,
        ),
        *(_posterior({"en": en, "zh": zh}, *args, hint=hint) for en, zh, args, hint in rows),
    ]
