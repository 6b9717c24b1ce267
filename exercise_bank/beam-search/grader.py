"""Cases for beam-search: the statement's model, ties, widths 1 and larger than the vocabulary, max_len cuts,
length normalisation, and fixed random models.

The model reaches the learner as a `codec.FunctionRef`: `lm_table` (log-probabilities by prefix, for the
hand-built cases) or `lm_random` (a distribution derived from a seed and the prefix, so no table is
needed and the answer changes with the job's seed).
"""

import math

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import case_maker, with_hints

FN = "beam_search"
BOS, EOS = 0, 1
NEVER = -math.inf


def _log(*probs):
    return [NEVER if p == 0 else math.log(p) for p in probs]


def _table(rows):
    return FunctionRef("lm_table", {"table": {key: _log(*probs) for key, probs in rows.items()}})


STATEMENT_MODEL = {
    "0": (0, 0.1, 0.5, 0.4),
    "0 2": (0, 0.6, 0.1, 0.3),
    "0 3": (0, 0.2, 0.5, 0.3),
    "0 3 2": (0, 0.9, 0.05, 0.05),
}
# Two tokens tie at every step; the third slot of step 2 is a tie between different parents.
TIES_MODEL = {
    "0": (0, 0, 0.5, 0.5),
    "0 2": (0, 0.5, 0.3, 0.2),
    "0 3": (0, 0.3, 0.5, 0.2),
    "0 3 2": (0, 0.5, 0.25, 0.25),
    "0 2 2": (0, 0.5, 0.25, 0.25),
}

GLOBAL_TOP = {
    "en": (
        "score every (hypothesis, next token) pair by its total log-probability and keep the best ones over all "
        "hypotheses together, not just each hypothesis's best token"
    ),
    "zh": "为每个（假设，下一个词）组合计算总对数概率，在所有假设中一起选出最好的，而不是每个假设只取它自己最好的词",
}
SHRINK = {
    "en": "a hypothesis that produces the end token is complete: it leaves the beam and the beam keeps one slot fewer",
    "zh": "生成结束符的假设就完成了：它离开束，束的宽度随之减少一个",
}
NORMALISE = {
    "en": (
        "the final score is the total log-probability divided by len(tokens) ** alpha, where tokens exclude the start "
        "token and include the end token"
    ),
    "zh": "最终得分是总对数概率除以 len(tokens) ** alpha，tokens 不含起始符，但包含结束符",
}

WHOLE_SEARCH = {
    "en": (
        "check the three parts against the statement's example: candidates from all hypotheses ranked together by total "
        "log-probability, finished hypotheses leave the beam, and the length normalisation only in the final score"
    ),
    "zh": "对照题目示例检查三个部分：所有假设的候选按总对数概率一起排名；完成的假设离开束；长度归一化只用于最终得分",
}


def _random_model(rng, vocab, eos_boost=None):
    params = {
        "vocab": vocab,
        "seed": int(rng.integers(0, 2**31)),
        "eos": EOS,
        "eos_boost": float(rng.uniform(0.3, 1.2)) if eos_boost is None else eos_boost,
        "scale": float(rng.uniform(1.0, 2.5)),
        "blocked": [BOS],
    }
    return FunctionRef("lm_random", params)


BAD_SIZE = {
    "en": "raise ValueError when beam_width < 1 or max_len < 1",
    "zh": "beam_width < 1 或 max_len < 1 时抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "ties: parent rank first": {
        "en": (
            "sort candidates by total log-probability, then by the rank of the hypothesis they extend, then by "
            "token id; sort the results by score, then by their token lists"
        ),
        "zh": "候选先按总对数概率排序，再按所扩展假设的名次，最后按词的编号；结果先按得分排序，再按词序列排序",
    },
    "random model": WHOLE_SEARCH,
    "length normalisation changes the winner": NORMALISE,
    "max_len cuts hypotheses that never ended": {
        "en": (
            "after max_len steps the hypotheses still in the beam are completed as they are (without the end "
            "token) and compete with the finished ones"
        ),
        "zh": "max_len 步之后仍在束中的假设按原样（不带结束符）完成，并与已结束的假设一起比较",
    },
    "beam_width larger than the vocabulary": {
        "en": (
            "tokens with probability 0 (log-probability -inf) are never candidates, so the first step can fill "
            "fewer slots than beam_width"
        ),
        "zh": "概率为 0（对数概率为 -inf）的词不能成为候选，所以第一步可能填不满 beam_width 个位置",
    },
    "max_len = 1": SHRINK,
    "a wide beam on a long search": GLOBAL_TOP,
    "beam_width = 0 raises": BAD_SIZE,
    "max_len = 0 raises": BAD_SIZE,
}

STATEMENT_SEARCHES = (  # English and Chinese name, beam_width, max_len, alpha on the statement's model
    ("statement example, alpha = 0", "题目示例，alpha = 0", 2, 3, 0.0),
    ("statement example, alpha = 1", "题目示例，alpha = 1", 2, 3, 1.0),
    ("beam_width = 1 is greedy decoding", "beam_width = 1 即贪心解码", 1, 3, 0.0),
)
_case = case_maker(FN)


def _search(name, model, beam_width, max_len, alpha, **options):
    """The case `beam_search(model, BOS, EOS, beam_width, max_len, alpha)`."""
    return _case(name, model, BOS, EOS, beam_width, max_len, alpha, **options)


def make_cases(rng):
    statement = _table(STATEMENT_MODEL)
    cases = [
        _search({"en": en, "zh": zh}, statement, beam_width, max_len, alpha, visible=True)
        for en, zh, beam_width, max_len, alpha in STATEMENT_SEARCHES
    ]
    cases.append(
        _search(
            {"en": "ties: parent rank first, then token id", "zh": "并列：先看父假设名次，再看词元编号"},
            _table(TIES_MODEL),
            3,
            3,
            0.0,
        )
    )
    vocab = int(rng.integers(6, 12))
    for index, alpha in enumerate((0.0, 0.6, 1.0)):
        width = int(rng.integers(2, 6))
        max_len = int(rng.integers(4, 8))
        name = {"en": f"random model {index + 1} (alpha = {alpha})", "zh": f"随机模型 {index + 1}（alpha = {alpha}）"}
        cases.append(_search(name, _random_model(rng, vocab), width, max_len, alpha))
    cases += [
        _search(
            {"en": "length normalisation changes the winner", "zh": "长度归一化改变了胜出者"},
            _random_model(rng, vocab, eos_boost=0.6),
            4,
            6,
            1.0,
        ),
        _search(
            {"en": "max_len cuts hypotheses that never ended", "zh": "max_len 截断从未结束的假设"},
            _random_model(rng, vocab, eos_boost=0.0),
            3,
            2,
            0.5,
        ),
    ]
    small = int(rng.integers(3, 5))
    cases += [
        _search(
            {"en": "beam_width larger than the vocabulary", "zh": "beam_width 大于词表"},
            _random_model(rng, small),
            small + 3,
            3,
            0.0,
        ),
        _search({"en": "max_len = 1", "zh": "max_len = 1"}, _random_model(rng, vocab), 3, 1, 1.0),
        _search(
            {"en": "a wide beam on a long search", "zh": "长搜索中的宽束"},
            _random_model(rng, vocab, eos_boost=0.4),
            6,
            8,
            0.8,
        ),
        _search(
            {"en": "beam_width = 0 raises ValueError", "zh": "beam_width = 0 抛出 ValueError"}, statement, 0, 3, 0.0
        ),
        _search({"en": "max_len = 0 raises ValueError", "zh": "max_len = 0 抛出 ValueError"}, statement, 2, 0, 0.0),
    ]
    return with_hints(cases, HINTS)
