"""Cases for viterbi-pos-tagger: the statement's toy HMM shown; a garden-path sentence, unknown words, ties,
impossible sentences, a 1,000-word sentence and random HMMs hidden."""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from gpu_runner.graders.case_texts import bilingual, not_a_tuple
from gpu_runner.graders.code import Case, diff

TAGS = ["DET", "NOUN", "VERB"]
START = {"DET": 0.6, "NOUN": 0.3, "VERB": 0.1}
TRANSITION = {
    "DET": {"NOUN": 0.9, "VERB": 0.1},
    "NOUN": {"NOUN": 0.2, "VERB": 0.7, "DET": 0.1},
    "VERB": {"DET": 0.5, "NOUN": 0.4, "VERB": 0.1},
}
EMISSION = {
    "DET": {"the": 0.7, "a": 0.3},
    "NOUN": {"dog": 0.4, "barks": 0.1, "cat": 0.4, "fish": 0.1},
    "VERB": {"barks": 0.5, "fish": 0.3, "sees": 0.2},
}
TOY = (TAGS, START, TRANSITION, EMISSION)

# "the old man the boat": read word by word, "old" is an adjective and "man" a noun, and then "the" cannot follow.
GARDEN = (
    ["DET", "ADJ", "NOUN", "VERB"],
    {"DET": 0.8, "ADJ": 0.1, "NOUN": 0.1},
    {
        "DET": {"ADJ": 0.4, "NOUN": 0.6},
        "ADJ": {"NOUN": 0.9, "ADJ": 0.1},
        "NOUN": {"VERB": 0.7, "NOUN": 0.295, "DET": 0.005},
        "VERB": {"DET": 0.7, "NOUN": 0.3},
    },
    {
        "DET": {"the": 1.0},
        "ADJ": {"old": 0.9, "young": 0.1},
        "NOUN": {"old": 0.05, "man": 0.3, "boat": 0.3, "sea": 0.35},
        "VERB": {"man": 0.1, "sails": 0.9},
    },
)
# Two tags that emit and move alike: every path ties.
TIED = (
    ["B", "A"],
    {"A": 0.5, "B": 0.5},
    {"A": {"A": 0.5, "B": 0.5}, "B": {"A": 0.5, "B": 0.5}},
    {"A": {"x": 0.5, "y": 0.5}, "B": {"x": 0.5, "y": 0.5}},
)


@dataclass(frozen=True)
class ViterbiCase(Case):
    # Random HMMs can have two best paths whose probabilities are equal in exact arithmetic (the same factors in
    # another order); which one floating point favours is noise, so any best path passes there. Cases built to
    # test the tie rule set this and need exactly the expected path.
    exact_path: bool = True


def _case(name, words, hmm, *, visible=False, hint=None, exact_path=True):
    return ViterbiCase(
        name=name,
        fn="viterbi",
        args=(words, *hmm),
        visible=visible,
        hint=hint or "",
        rtol=1e-9,
        atol=1e-9,
        exact_path=exact_path,
    )


def _random_hmm(rng, n_tags, n_words):
    tags = [f"T{i}" for i in range(n_tags)]
    words = [f"w{i}" for i in range(n_words)]

    def dist(keys, sparsity):
        p = rng.dirichlet(np.ones(len(keys)))
        p[rng.random(len(keys)) < sparsity] = 0.0
        if p.sum() == 0:
            p[int(rng.integers(len(keys)))] = 1.0
        p /= p.sum()
        return {k: float(v) for k, v in zip(keys, p) if v > 0}

    start = dist(tags, 0.2)
    transition = {t: dist(tags, 0.2) for t in tags}
    emission = {t: dist(words, 0.5) for t in tags}
    return (tags, start, transition, emission), words


# (English name, Chinese name, words, HMM, hint)
HIDDEN = [
    (
        "the best path is not the greedy one",
        "最优路径不是逐词贪心得到的路径",
        ["the", "old", "man", "the", "boat"],
        GARDEN,
        {
            "en": "keep, for every tag, the best path ending in it; a word's best tag alone is not enough",
            "zh": "对每个标签都保留以它结尾的最优路径；只看每个词各自最可能的标签是不够的",
        },
    ),
    (
        "two unknown words in a row",
        "连续两个未登录词",
        ["the", "blorf", "snark", "fish"],
        TOY,
        {
            "en": "a word no tag emits gets probability 1 under every tag, so the transitions decide",
            "zh": "任何标签都不会发出的词，在每个标签下的发射概率都取 1，由转移概率决定",
        },
    ),
    (
        "identical tags tie",
        "完全相同的标签打平",
        ["x", "y", "x"],
        TIED,
        {
            "en": "on a tie keep the tag that comes first in `tags` (here B), not the alphabetical or last one",
            "zh": "打平时保留在 `tags` 中排在前面的标签（这里是 B），不是按字母序，也不是最后一个",
        },
    ),
    (
        "no possible sequence",
        "不存在可能的序列",
        ["the", "the"],
        TOY,
        {
            "en": "only DET emits 'the' and DET never follows DET: raise ValueError",
            "zh": "只有 DET 会发出 'the'，而 DET 后面不会再跟 DET：抛出 ValueError",
        },
    ),
    (
        "a 1,000-word sentence",
        "1,000 个词的句子",
        ["the", "dog", "barks", "a", "cat", "sees", "the", "fish", "barks"] * 111 + ["a"],
        TOY,
        {
            "en": "a product of 2,000 probabilities underflows to 0.0: add logarithms instead",
            "zh": "2,000 个概率连乘会下溢成 0.0：改为对数相加",
        },
    ),
]


def make_cases(rng):
    cases = [
        _case(
            {"en": "example: the dog barks", "zh": "示例：the dog barks"}, ["the", "dog", "barks"], TOY, visible=True
        ),
        _case({"en": "example: an unknown word", "zh": "示例：未登录词"}, ["a", "zebra", "barks"], TOY, visible=True),
        _case({"en": "example: no words", "zh": "示例：空句子"}, [], TOY, visible=True),
    ]
    cases += [_case(bilingual(en, zh), words, hmm, hint=hint) for en, zh, words, hmm, hint in HIDDEN]
    for i in range(4):
        hmm, vocabulary = _random_hmm(rng, int(rng.integers(3, 7)), int(rng.integers(6, 14)))
        words = [str(w) for w in rng.choice(vocabulary, size=int(rng.integers(4, 20)))]
        words[int(rng.integers(len(words)))] = "unseen"
        name = {"en": f"random HMM {i + 1}", "zh": f"随机隐马尔可夫模型 {i + 1}"}
        cases.append(_case(name, words, hmm, exact_path=False))
    return cases


def path_log_probability(words, tags, start, transition, emission, path):
    """The natural-log probability of one tag sequence, with the statement's rule for unknown words."""
    if len(path) != len(words) or any(tag not in tags for tag in path):
        return None
    total = 0.0
    factors = [start.get(path[0], 0.0)] if path else []
    factors += [transition.get(a, {}).get(b, 0.0) for a, b in itertools.pairwise(path)]
    for tag, word in zip(path, words):
        if any(emission.get(t, {}).get(word, 0.0) > 0 for t in tags):
            factors.append(emission.get(tag, {}).get(word, 0.0))
    for factor in factors:
        total += math.log(factor) if factor > 0 else -math.inf
    return total


def check(case, expected, got):
    """Names the part that is wrong: the tags or the log probability. On random HMMs an equally probable path passes."""
    if wrong_shape := not_a_tuple(got, ("tags", "log_probability")):
        return wrong_shape
    path, log_probability = got
    mismatch = diff(expected[0], path)
    if mismatch is not None and not case.exact_path and isinstance(path, (list, tuple)):
        own = path_log_probability(*case.args, list(path))
        if own is not None and math.isclose(own, expected[1], rel_tol=1e-9, abs_tol=1e-9):
            mismatch = None
    if mismatch is not None:
        return _wrong(case, mismatch, "the tag sequence is wrong", "标签序列不对")
    mismatch = diff(expected[1], log_probability, rtol=case.rtol, atol=case.atol)
    if mismatch is not None:
        return _wrong(case, mismatch, "the log probability is wrong", "对数概率不对")
    return None


def _wrong(case, mismatch, en, zh):
    """`en` and `zh` say which part is wrong; a visible case adds the mismatch's message, a hidden one its reason."""
    detail = mismatch.message() if case.visible else mismatch.reason
    return {"en": f"{en}: {detail}", "zh": f"{zh}：{detail}"}
