"""Cases for hmm-pos-tagger: the statement's corpus and model shown; smoothing, the unknown-word column, tags that
never start or never continue, ties (with dyadic log-scores, exact in any order of addition), impossible
transitions, a sequence long enough to underflow outside log space, bad input, and random corpora sampled from a
small grammar hidden. A tagging that ties with the expected one in log-probability (within 1e-9) is accepted."""

import math
from itertools import pairwise

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import Case, compare, with_hints

CORPUS = [
    [("the", "DET"), ("dog", "NOUN"), ("barks", "VERB")],
    [("a", "DET"), ("cat", "NOUN"), ("sleeps", "VERB")],
    [("the", "DET"), ("cat", "NOUN"), ("can", "AUX"), ("sleep", "VERB")],
    [("dogs", "NOUN"), ("can", "AUX"), ("bark", "VERB")],
    [("I", "PRON"), ("can", "AUX"), ("fish", "VERB")],
    [("they", "PRON"), ("fish", "VERB")],
    [("the", "DET"), ("fish", "NOUN"), ("sleeps", "VERB")],
]
TINY = [[("I", "PRON"), ("fish", "VERB")], [("fish", "NOUN"), ("swim", "VERB")]]
LEXICON = {
    "DET": ["the", "a", "this", "every"],
    "NOUN": ["dog", "cat", "fish", "book", "watch", "run", "park", "模型"],
    "VERB": ["runs", "book", "watch", "fish", "like", "sleeps", "reads", "run"],
    "ADJ": ["big", "old", "quick", "red"],
    "ADP": ["in", "on", "with", "like"],
    "PRON": ["I", "they", "we", "she"],
    "AUX": ["can", "will", "must"],
}
NEXT = {
    "<s>": ["DET", "PRON", "NOUN"], "DET": ["NOUN", "ADJ"], "ADJ": ["NOUN", "ADJ"], "NOUN": ["VERB", "AUX", "ADP"],
    "PRON": ["VERB", "AUX"], "AUX": ["VERB"], "VERB": ["DET", "ADP", "</s>", "PRON"], "ADP": ["DET", "PRON"],
}  # fmt: skip
TOL = {"rtol": 1e-9, "atol": 1e-12}
SMOOTHING = {
    "en": "P = (count + alpha) / (total + alpha * K), K = the number of tags (start, transitions) or of vocabulary "
    "words (emissions); the last emission column is an unknown word's (count 0)",
    "zh": "P = (计数 + alpha) / (总数 + alpha * K)，K 是标签数（起始、转移）或词表中的词数（发射）；发射矩阵最后一列"
    "对应未知词（计数为 0）",
}
TIES = {
    "en": "on equal scores take the smallest state index, for every predecessor and for the last state",
    "zh": "得分相等时取编号最小的状态，前驱状态和最后一个状态都是如此",
}
LOGSPACE = {
    "en": "stay in log space: add log-scores, never multiply probabilities (they underflow to 0)",
    "zh": "始终在对数空间中计算：把对数得分相加，不要把概率相乘（会下溢为 0）",
}


def _log(probabilities):
    """Natural logarithms with log(0) = -inf, without numpy's divide-by-zero warning."""
    p = np.asarray(probabilities, dtype=np.float64)
    return np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), -np.inf)


def _train(name, corpus, alpha=None, *, visible=False, hint=""):
    kwargs = {} if alpha is None else {"alpha": alpha}
    return Case(name=name, fn="train_hmm", args=(corpus,), kwargs=kwargs, visible=visible, hint=hint, **TOL)


def _viterbi(name, observations, start, trans, emit, *, visible=False, hint=""):
    arrays = tuple(np.asarray(a, dtype=np.float64) for a in (start, trans, emit))
    return Case(name=name, fn="viterbi", args=(list(observations), *arrays), visible=visible, hint=hint, **TOL)


def _tag(name, corpus, sentence, alpha=None, *, visible=False, hint=""):
    kwargs = {} if alpha is None else {"alpha": alpha}
    return Case(name=name, fn="tag", args=(corpus, sentence), kwargs=kwargs, visible=visible, hint=hint)


def _sample_corpus(rng, n_sentences):
    corpus = []
    for _ in range(n_sentences):
        state, sentence = "<s>", []
        while len(sentence) < 12:
            state = NEXT[state][int(rng.integers(len(NEXT[state])))]
            if state == "</s>":
                break
            words = LEXICON[state]
            sentence.append((words[int(rng.integers(len(words)))], state))
        corpus.append(sentence)
    return corpus


def _random_model(rng, n_states, n_symbols, impossible=0.0):
    start = np.log(rng.dirichlet(np.ones(n_states)))
    trans = np.log(rng.dirichlet(np.ones(n_states), size=n_states))
    emit = np.log(rng.dirichlet(np.full(n_symbols, 0.5), size=n_states))
    if impossible:
        trans[rng.random((n_states, n_states)) < impossible] = -np.inf
        trans[np.arange(n_states), rng.integers(0, n_states, size=n_states)] = np.log(0.5)  # every row keeps a way on
    return start, trans, emit


EXAMPLE_START = np.log([0.6, 0.4])
EXAMPLE_TRANS = np.log([[0.7, 0.3], [0.4, 0.6]])
EXAMPLE_EMIT = np.log([[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]])
EXAMPLE_MODEL = (EXAMPLE_START, EXAMPLE_TRANS, EXAMPLE_EMIT)
# (English name, Chinese name, corpus, alpha or None)
HIDDEN_TRAIN = [
    ("the whole corpus, alpha = 0.1", "整个语料，alpha = 0.1", CORPUS, 0.1),
    (
        "a tag that never starts or never continues",
        "从不出现在句首或从不后接标签的标签",
        [[("go", "VERB"), ("home", "NOUN")], [("stop", "VERB")], [("now", "ADV")]],
        0.5,
    ),
    ("alpha = 0", "alpha = 0", CORPUS, 0.0),
    ("no tagged words", "没有带标注的词", [[], []], None),
]
# (English name, Chinese name, observations, (log_start, log_trans, log_emit))
HIDDEN_VITERBI = [
    (
        "a tie between predecessors",
        "前驱状态并列",
        [0, 0, 1],
        (
            [-1.0, -1.0, -2.0],
            [[-1.0, -2.0, -1.0], [-1.0, -2.0, -1.0], [-0.5, -0.5, -0.5]],
            [[-1.0, -2.0], [-1.0, -1.0], [-2.0, -1.0]],
        ),
    ),
    (
        "a tie at the last step",
        "最后一步并列",
        [1, 0],
        (
            [-2.0, -1.0, -1.0],
            [[-1.0, -1.0, -1.0], [-2.0, -1.0, -1.0], [-1.0, -1.0, -1.0]],
            [[-1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]],
        ),
    ),
    (
        "impossible transitions (-inf)",
        "不可能的转移（-inf）",
        [0, 1, 1, 0],
        (
            _log([0.5, 0.5, 0.0]),
            _log([[0.0, 0.9, 0.1], [0.2, 0.0, 0.8], [1.0, 0.0, 0.0]]),
            _log([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]]),
        ),
    ),
    (
        "every path impossible",
        "所有路径都不可能",
        [0, 1],
        (_log([1.0, 0.0]), _log([[0.0, 1.0], [1.0, 0.0]]), _log([[1.0, 0.0], [1.0, 0.0]])),
    ),
    ("no observations", "没有观测", [], EXAMPLE_MODEL),
    ("one observation", "一个观测", [2], EXAMPLE_MODEL),
    ("an observation outside log_emit", "超出 log_emit 范围的观测", [0, 3], EXAMPLE_MODEL),
    ("log_trans of the wrong shape", "log_trans 形状不对", [0, 1], (EXAMPLE_START, EXAMPLE_TRANS[:1], EXAMPLE_EMIT)),
]
# (English name, Chinese name, sentence, alpha or None), all tagged with the statement's CORPUS
HIDDEN_TAG = [
    ("an unknown word", "未知词", ["a", "unicorn", "sleeps"], None),
    ("an unknown first word", "未知的首词", ["unicorns", "sleep"], None),
    ("an empty sentence", "空句子", [], None),
    ("fish as a noun", "名词 fish", ["the", "fish", "can", "sleep"], 0.5),
]
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins); the random
# corpora and models carry their own.
HINTS = {
    "the whole corpus": SMOOTHING,
    "a tag that never starts": SMOOTHING,
    "alpha = 0": RAISE_VALUE_ERROR,
    "no tagged words": RAISE_VALUE_ERROR,
    "a tie between predecessors": TIES,
    "a tie at the last step": TIES,
    "impossible transitions": {
        "en": "-inf is a log-probability of 0: such a step is never taken",
        "zh": "-inf 表示概率为 0：永远不走这一步",
    },
    "every path impossible": RAISE_VALUE_ERROR,
    "an observation outside log_emit": RAISE_VALUE_ERROR,
    "log_trans of the wrong shape": RAISE_VALUE_ERROR,
    "an unknown word": {
        "en": "a word outside the vocabulary uses the last emission column",
        "zh": "词表之外的词使用发射矩阵的最后一列",
    },
    "an unknown first word": {
        "en": "a word outside the vocabulary uses the last emission column, not a vocabulary word's",
        "zh": "词表之外的词使用发射矩阵的最后一列，而不是某个词表词的列",
    },
    "an empty sentence": {"en": "[] gives []", "zh": "[] 返回 []"},
    "fish as a noun": SMOOTHING,
    "400 observations": LOGSPACE,
}


def make_cases(rng):
    cases = [
        _train(bilingual("example: a tiny corpus", "示例：一个极小的语料"), TINY, visible=True),
        _viterbi(
            bilingual("example: two states, three observations", "示例：两个状态、三个观测"),
            [0, 1, 2],
            *EXAMPLE_MODEL,
            visible=True,
        ),
        _tag(
            bilingual("example: the dog can fish", "示例：the dog can fish"),
            CORPUS,
            ["the", "dog", "can", "fish"],
            visible=True,
        ),
        _tag(bilingual("example: they can fish", "示例：they can fish"), CORPUS, ["they", "can", "fish"], visible=True),
    ]
    cases += [_train(bilingual(en, zh), corpus, alpha) for en, zh, corpus, alpha in HIDDEN_TRAIN]
    cases += [_viterbi(bilingual(en, zh), obs, *model) for en, zh, obs, model in HIDDEN_VITERBI]
    cases += [_tag(bilingual(en, zh), CORPUS, sentence, alpha) for en, zh, sentence, alpha in HIDDEN_TAG]
    start, trans, emit = _random_model(rng, 8, 12)
    long_observations = [int(o) for o in rng.integers(0, 12, size=400)]
    cases.append(_viterbi(bilingual("400 observations", "400 个观测"), long_observations, start, trans, emit))
    for i in range(3):
        n_states, n_symbols = int(rng.integers(2, 7)), int(rng.integers(2, 9))
        start, trans, emit = _random_model(rng, n_states, n_symbols, impossible=0.3 if i == 2 else 0.0)
        observations = [int(o) for o in rng.integers(0, n_symbols, size=int(rng.integers(2, 15)))]
        name = bilingual(f"random model {i + 1}", f"随机模型 {i + 1}")
        cases.append(_viterbi(name, observations, start, trans, emit, hint=LOGSPACE))
    for i in range(2):
        corpus = _sample_corpus(rng, int(rng.integers(15, 40)))
        alpha = float(np.round(rng.uniform(0.05, 1.5), 3))
        cases.append(_train(bilingual(f"random corpus {i + 1}", f"随机语料 {i + 1}"), corpus, alpha, hint=SMOOTHING))
        sentence = [word for word, _ in _sample_corpus(rng, 1)[0]] or ["dog"]
        if i == 1:
            sentence.insert(int(rng.integers(len(sentence) + 1)), "zebra")
        cases.append(
            _tag(
                bilingual(f"random corpus {i + 1}: tag a sentence", f"随机语料 {i + 1}：标注句子"),
                corpus,
                sentence,
                alpha,
                hint=TIES,
            )
        )
    return with_hints(cases, HINTS)


def _tag_log_prob(corpus, sentence, tags, alpha):
    """log P(words, tags) under the add-alpha HMM of `corpus`, or None for a tag the corpus never uses."""
    known_tags = sorted({t for s in corpus for _, t in s})
    vocabulary = {w for s in corpus for w, _ in s}
    if any(t not in known_tags for t in tags):
        return None
    starts = [s[0][1] for s in corpus if s]
    pairs = [(a[1], b[1]) for s in corpus for a, b in pairwise(s)]
    emissions = [(t, w) for s in corpus for w, t in s]
    k, v = len(known_tags), len(vocabulary)
    total = math.log((starts.count(tags[0]) + alpha) / (len(starts) + alpha * k))
    for previous, current in pairwise(tags):
        outgoing = sum(1 for a, _ in pairs if a == previous)
        total += math.log((pairs.count((previous, current)) + alpha) / (outgoing + alpha * k))
    for word, t in zip(sentence, tags):
        seen = sum(1 for a, _ in emissions if a == t)
        count = emissions.count((t, word)) if word in vocabulary else 0
        total += math.log((count + alpha) / (seen + alpha * v))
    return total


def check(case, expected, got):
    """tag: a tagging whose log-probability ties with the expected one is right too (the logs of a learner's model
    may differ from the reference's in the last bits, which can break an exact tie the other way)."""
    message = compare(expected, got, rtol=case.rtol, atol=case.atol)
    if message is None:
        return None
    if case.fn == "tag" and isinstance(got, list) and len(got) == len(expected) and expected:
        corpus, sentence = case.args
        alpha = case.kwargs.get("alpha", 1.0)
        mine = _tag_log_prob(corpus, sentence, [str(t) for t in got], alpha)
        best = _tag_log_prob(corpus, sentence, expected, alpha)
        if mine is not None and abs(mine - best) <= 1e-9 * abs(best):
            return None
    if case.visible:
        return {"en": message, "zh": message}
    return _hidden_message(case, expected, got)


PARTS = ["tags", "vocabulary", "log_start", "log_trans", "log_emit"]


def _hidden_message(case, expected, got):
    """Which part is wrong, without the values."""
    if case.fn == "train_hmm" and isinstance(got, (list, tuple)) and len(got) == len(PARTS):
        for name, want, have in zip(PARTS, expected, got):
            if compare(want, have, rtol=case.rtol, atol=case.atol) is not None:
                return {"en": f"{name} is wrong", "zh": f"{name} 不对"}
    if case.fn == "viterbi" and isinstance(got, (list, tuple)) and len(got) == 2:
        if compare(expected[0], got[0]) is None:
            return {"en": "the path is right but its log-probability is wrong", "zh": "路径正确，但它的对数概率不对"}
        return {"en": "the state path is wrong", "zh": "状态路径不对"}
    if case.fn == "tag":
        return {"en": "the tags are wrong", "zh": "标注结果不对"}
    return {"en": "the result does not have the expected form", "zh": "返回结果的形式不对"}
