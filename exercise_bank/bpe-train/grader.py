"""Cases for bpe-train: the statement's examples shown; ties between a merged token and characters, the stop rules
(vocab_size, min_frequency, no pair left), overlapping pairs, Chinese and marked words, bad tables, and random
Zipf tables hidden. bpe_encode gets handcrafted merge lists where the rank order matters and random ones."""

from gpu_runner.graders.case_texts import bilingual, not_a_tuple
from gpu_runner.graders.code import Case, compare, with_hints

HUG = {"hug": 10, "pug": 5, "pun": 12, "bun": 4, "hugs": 5}
HUG_MERGES = [("u", "g"), ("u", "n"), ("h", "ug"), ("p", "un")]
TIE = {"abd": 3, "bc": 3, "ab": 1}
ENGLISH = [
    "the", "then", "there", "these", "this", "that", "low", "lower", "lowest", "new", "newer", "newest", "wide",
    "wider", "widest", "token", "tokens", "tokenize", "tokenizer", "merge", "merges", "merged", "learn", "learned",
    "learning", "model", "models", "modeling",
]  # fmt: skip
CHINESE = ["机器", "机器学习", "学习", "深度学习", "学习率", "语言", "语言模型", "模型", "大模型", "自然语言", "处理"]
MARKED = ["▁the", "▁then", "▁there", "▁token", "▁tokens", "▁to", "▁low", "▁lower", "▁new", "▁newest"]
TIES = {
    "en": "several pairs share the top count: take the smallest (id of left, id of right); characters are numbered "
    "by code point first, then every new token gets the next id",
    "zh": "多个词对并列最高频次时，取 (左边的编号, 右边的编号) 最小的；先按码位给字符编号，之后每个新词元依次取下一个编号",
}
STOP = {
    "en": "stop when the vocabulary has vocab_size tokens, when no adjacent pair is left, or when the best count is "
    "below min_frequency",
    "zh": "词表达到 vocab_size 个词元、没有相邻词对可合并、或最高频次低于 min_frequency 时停止",
}
RANK = {
    "en": "after every merge look again for the present pair that comes EARLIEST in merges; a pair a later merge "
    "forms can rank earlier than the one just merged",
    "zh": "每合并一次都要重新找当前出现的、在 merges 中排得最靠前的词对；后面合并出来的词对可能排名更靠前",
}


def _train(name, table, vocab_size, min_frequency=None, *, visible=False):
    kwargs = {} if min_frequency is None else {"min_frequency": min_frequency}
    return Case(name=name, fn="bpe_train", args=(table, vocab_size), kwargs=kwargs, visible=visible)


def _encode(name, word, merges, *, visible=False):
    return Case(name=name, fn="bpe_encode", args=(word, [tuple(m) for m in merges]), visible=visible)


def _zipf_table(rng, words, size, top):
    chosen = [words[i] for i in rng.choice(len(words), size=min(size, len(words)), replace=False)]
    return {word: max(1, int(top / (rank + 1) + rng.integers(0, 3))) for rank, word in enumerate(chosen)}


def _random_word(rng, alphabet, low, high):
    return "".join(rng.choice(list(alphabet), size=int(rng.integers(low, high + 1))))


def _random_merges(rng, alphabet, n):
    """Merges whose parts exist when they are added, as a trained list has, short tokens favoured."""
    tokens = list(alphabet)
    merges = []
    while len(merges) < n:
        weights = [1.0 / len(t) ** 2 for t in tokens]
        total = sum(weights)
        left, right = (tokens[int(i)] for i in rng.choice(len(tokens), size=2, p=[w / total for w in weights]))
        if (left, right) not in merges:
            merges.append((left, right))
            tokens.append(left + right)
    return merges


# (English name, Chinese name, word counts, vocab_size, min_frequency or None)
HIDDEN_TRAIN = [
    ("the tie table, one more merge", "并列词频表，再多合并一次", TIE, 7, None),
    ("min_frequency stops the training", "min_frequency 让训练提前停止", HUG, 40, 13),
    ("min_frequency 1: merge until nothing is left", "min_frequency 为 1：一直合并到无可合并", HUG, 40, 1),
    ("vocab_size no larger than the alphabet", "vocab_size 不超过字符表大小", HUG, 5, None),
    ("overlapping pairs in aaaa", "aaaa 中重叠的词对", {"aaaa": 3, "aaa": 2, "ab": 1}, 12, 1),
    (
        "weighted counts beat the number of word types",
        "按词频加权，而不是按词型数",
        {"xy": 9, "ab": 1, "abc": 1, "zab": 1},
        7,
        1,
    ),
    ("a merge must not cross a token boundary", "合并不能跨越词元边界", {"abc": 3, "ab": 5, "bc": 4}, 8, 1),
    ("words of one character", "只有一个字符的单词", {"a": 5, "b": 3, "c": 1}, 10, None),
    ("Chinese words", "中文词", {word: 8 - i // 2 for i, word in enumerate(CHINESE)}, 30, None),
    (
        "words with a ▁ boundary marker",
        "带 ▁ 边界标记的单词",
        {word: 3 + (i % 4) for i, word in enumerate(MARKED)},
        30,
        None,
    ),
    ("a count of 0 is not allowed", "频次不能为 0", {"low": 2, "lower": 0}, 10, None),
    ("an empty word is not allowed", "不能有空单词", {"low": 2, "": 4}, 10, None),
]
# (English name, Chinese name, word, merges)
HIDDEN_ENCODE = [
    ("a pair formed later can rank earlier", "后形成的词对可能排名更靠前", "abc", [("a", "bc"), ("b", "c")]),
    ("overlapping pairs when encoding", "编码时的重叠词对", "aaaaa", [("a", "a"), ("aa", "a"), ("aa", "aa")]),
    (
        "not the longest vocabulary match",
        "不是最长词表匹配",
        "abcd",
        [("c", "d"), ("b", "c"), ("a", "b"), ("ab", "cd"), ("a", "bcd"), ("b", "cd")],
    ),
    ("an empty word", "空单词", "", HUG_MERGES),
    ("no merge applies", "没有可用的合并", "xyz", HUG_MERGES),
]
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "the tie table": TIES,
    "min_frequency": STOP,
    "vocab_size no larger than the alphabet": {
        "en": "the vocabulary always holds every character; with vocab_size <= its size there is no merge",
        "zh": "词表总是包含所有字符；vocab_size 不超过字符数时不做任何合并",
    },
    "overlapping pairs in aaaa": {
        "en": "count every adjacent position (aaa holds (a, a) twice) but merge left to right without "
        "overlap (a a a -> aa a)",
        "zh": "频次按每个相邻位置计（aaa 含两个 (a, a)），合并时从左到右且不重叠（a a a -> aa a）",
    },
    "weighted counts": {
        "en": "a pair's count is the sum of the counts of the words it occurs in, once per adjacent position",
        "zh": "词对的频次是它所在单词的频次之和，每个相邻位置各计一次",
    },
    "a merge must not cross a token boundary": {
        "en": "a pair is two adjacent TOKENS: after a b -> ab, the word ab c holds (ab, c) but not (b, c)",
        "zh": "词对是相邻的两个词元：a b 合并成 ab 之后，ab c 中有 (ab, c)，但没有 (b, c)",
    },
    "words of one character": STOP,
    "Chinese words": TIES,
    "words with a ▁ boundary marker": {
        "en": "the marker ▁ is an ordinary character (U+2581 sorts after the letters)",
        "zh": "标记 ▁ 只是一个普通字符（U+2581 排在字母之后）",
    },
    "a count of 0": {"en": "raise ValueError for a count below 1", "zh": "频次小于 1 时抛出 ValueError"},
    "an empty word is not allowed": {"en": "raise ValueError for an empty word", "zh": "空单词要抛出 ValueError"},
    "a pair formed later can rank earlier": RANK,
    "overlapping pairs when encoding": RANK,
    "not the longest vocabulary match": RANK,
    "random English table": TIES,
    "random table over": TIES,
    "random merges": RANK,
}


def make_cases(rng):
    cases = [
        _train(bilingual("example: the hug/pug/pun table", "示例：hug/pug/pun 词频表"), HUG, 11, visible=True),
        _train(
            bilingual("example: a tie between (b, c) and (ab, d)", "示例：(b, c) 与 (ab, d) 并列"), TIE, 6, visible=True
        ),
        _encode(bilingual("example: encode hugs", "示例：编码 hugs"), "hugs", HUG_MERGES, visible=True),
        _encode(
            bilingual("example: encode mug (m is unseen)", "示例：编码 mug（m 未见过）"),
            "mug",
            HUG_MERGES,
            visible=True,
        ),
    ]
    cases += [_train(bilingual(en, zh), table, size, minimum) for en, zh, table, size, minimum in HIDDEN_TRAIN]
    cases += [_encode(bilingual(en, zh), word, merges) for en, zh, word, merges in HIDDEN_ENCODE]
    for i in range(2):
        table = _zipf_table(rng, ENGLISH, int(rng.integers(8, len(ENGLISH) + 1)), int(rng.integers(20, 200)))
        cases.append(
            _train(
                {"en": f"random English table {i + 1}", "zh": f"随机英文词频表 {i + 1}"},
                table,
                int(rng.integers(25, 70)),
                int(rng.integers(1, 4)),
            )
        )
    for i in range(2):
        alphabet = "ab" if i == 0 else "abc"
        table = {_random_word(rng, alphabet, 2, 8): int(rng.integers(1, 6)) for _ in range(int(rng.integers(4, 12)))}
        cases.append(
            _train(
                {
                    "en": f"random table over {alphabet!r} (many ties)",
                    "zh": f"字符集 {alphabet!r} 上的随机词频表（大量并列）",
                },
                table,
                int(rng.integers(6, 30)),
                int(rng.integers(1, 3)),
            )
        )
    for i in range(3):
        alphabet = "abcde"[: int(rng.integers(2, 6))]
        merges = _random_merges(rng, alphabet, int(rng.integers(3, 15)))
        cases.append(
            _encode(
                {"en": f"random merges {i + 1}", "zh": f"随机合并规则 {i + 1}"},
                _random_word(rng, alphabet + "z", 1, 14),
                merges,
            )
        )
    return with_hints(cases, HINTS)


def check(case, expected, got):
    """bpe_train: says whether the vocabulary or the merges differ, and the first merge that does."""
    if case.fn != "bpe_train":
        if compare(expected, got) is None:
            return None
        if case.visible:
            return {
                "en": f"expected the tokens {expected}, got {got!r}",
                "zh": f"应得到词元 {expected}，实际为 {got!r}",
            }
        return {"en": "the tokens are wrong", "zh": "词元不对"}
    if wrong_shape := not_a_tuple(got, ("vocabulary", "merges")):
        return wrong_shape
    vocabulary, merges = got
    if not isinstance(merges, (list, tuple)) or not all(isinstance(m, (list, tuple)) and len(m) == 2 for m in merges):
        return {"en": "merges must be a list of (left, right) pairs", "zh": "merges 必须是 (left, right) 二元组的列表"}
    expected_vocabulary, expected_merges = expected
    got_merges = [tuple(m) for m in merges]
    for index, (want, have) in enumerate(zip(expected_merges, got_merges)):
        if want != have:
            if case.visible:
                return {
                    "en": f"merge {index} should be {want}, got {have}",
                    "zh": f"第 {index} 次合并应为 {want}，实际为 {have}",
                }
            return {"en": f"merge {index} is wrong", "zh": f"第 {index} 次合并不对"}
    if len(got_merges) != len(expected_merges):
        return {
            "en": f"expected {len(expected_merges)} merges, got {len(got_merges)}",
            "zh": f"应有 {len(expected_merges)} 次合并，实际为 {len(got_merges)} 次",
        }
    message = compare(expected_vocabulary, vocabulary)
    if message is not None:
        detail = f": {message}" if case.visible else ""
        return {
            "en": f"the merges are right but the vocabulary is wrong{detail}",
            "zh": f"合并规则正确，但词表不对{detail}",
        }
    return None
