"""Cases for edit-distance: the statement's examples shown; empty strings, substitution costs, adjacent and distant
transpositions (where the restricted distance is larger), Chinese text, every tie of the corrector, and random
strings and typos hidden."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker, with_hints

COUNTS = {
    "the": 800, "of": 400, "and": 380, "to": 350, "in": 300, "is": 200, "that": 150, "for": 140, "it": 130,
    "with": 110, "as": 100, "was": 95, "on": 90, "be": 85, "at": 70, "by": 68, "this": 66, "had": 60, "not": 58,
    "are": 56, "but": 54, "from": 52, "or": 50, "have": 48, "an": 46, "they": 44, "which": 42, "one": 40, "you": 38,
    "were": 36, "her": 34, "all": 32, "she": 30, "there": 28, "would": 26, "their": 25, "we": 24, "him": 23,
    "been": 22, "has": 21, "when": 20, "who": 19, "will": 18, "more": 17, "no": 16, "if": 15, "out": 14,
    "spelling": 12, "spending": 9, "receive": 8, "believe": 8, "language": 11, "model": 13, "models": 10,
    "token": 9, "tokens": 7, "learning": 12, "machine": 10, "because": 14, "separate": 6, "definitely": 5,
    "necessary": 5, "grammar": 4, "occurred": 4, "weird": 3, "their's": 1, "acquire": 3, "address": 6,
}  # fmt: skip
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
DISTANCE = {
    "en": "d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (0 if equal else substitution_cost)), with "
    "d[i][0] = i and d[0][j] = j",
    "zh": "d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (相等为 0，否则 substitution_cost))，且 "
    "d[i][0] = i、d[0][j] = j",
}
DAMERAU = {
    "en": "unrestricted Damerau-Levenshtein: a transposed pair may be edited further (ca -> ac -> abc costs 2); the "
    "restricted version (optimal string alignment) gives 3",
    "zh": "无限制的 Damerau-Levenshtein：交换过的字符对之间还可以继续编辑（ca -> ac -> abc 代价为 2）；受限版本"
    "（最优字符串对齐）会得到 3",
}
ORDER = {
    "en": "choose the smallest distance first, then the largest count, then the first word in sorted() order",
    "zh": "先取距离最小的，再取出现次数最多的，最后取 sorted() 顺序中最靠前的词",
}
# Shown when a hidden case of the corrector fails, chosen by the start of the case's English name (the first match
# wins). A hidden distance gets DISTANCE, or DAMERAU when it allows transpositions.
HINTS = {
    "a known word stays": {"en": "a known word is at distance 0", "zh": "已知词的距离为 0"},
    "nothing close enough": {
        "en": "with no known word within max_distance, return the word itself",
        "zh": "max_distance 以内没有已知词时，返回原词",
    },
    "distance beats frequency": ORDER,
    "equal distance and count": ORDER,
    "max_distance = 1": ORDER,
    "a transposed typo": DAMERAU,
    "a negative max_distance": RAISE_VALUE_ERROR,
    "random typo": ORDER,
}


_distance = case_maker("edit_distance")
_correct = case_maker("correct")


def _hidden_distance(name, source, target, **kwargs):
    """A hidden edit_distance case, hinted with the recurrence it needs."""
    return _distance(name, source, target, hint=DAMERAU if kwargs.get("transpositions") else DISTANCE, **kwargs)


def _typo(rng, word):
    """One or two random edits of `word`: delete, insert, substitute or swap two adjacent letters."""
    for _ in range(int(rng.integers(1, 3))):
        kind = int(rng.integers(4)) if len(word) > 1 else 1
        i = int(rng.integers(len(word) + (kind == 1)))
        letter = ALPHABET[int(rng.integers(26))]
        if kind == 0:
            word = word[:i] + word[i + 1 :]
        elif kind == 1:
            word = word[:i] + letter + word[i:]
        elif kind == 2:
            word = word[:i] + letter + word[i + 1 :]
        elif i < len(word) - 1:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


# (English name, Chinese name, source, target, keyword arguments)
HIDDEN_DISTANCES = [
    ("from the empty string", "从空字符串出发", "", "abc", {}),
    ("to the empty string", "变成空字符串", "abcd", "", {}),
    ("two empty strings", "两个空字符串", "", "", {}),
    ("identical strings", "相同的字符串", "language", "language", {}),
    ("a swap without transpositions", "不允许交换时的相邻对调", "teh", "the", {}),
    ("a swap with transpositions", "允许交换时的相邻对调", "teh", "the", {"transpositions": True}),
    (
        "substitution cost 2 with transpositions",
        "替换代价为 2 且允许交换",
        "acbd",
        "abcx",
        {"substitution_cost": 2, "transpositions": True},
    ),
    ("a substitution dearer than delete + insert", "替换比删除加插入更贵", "abc", "axc", {"substitution_cost": 3}),
    ("a transposition edited further", "交换之后继续编辑", "abcdef", "badxcef", {"transpositions": True}),
    ("Chinese characters", "汉字", "机器学习模型", "机器写习模形", {}),
]
# (English name, Chinese name, word, counts, keyword arguments)
HIDDEN_CORRECTIONS = [
    ("a known word stays", "已知词保持不变", "models", COUNTS, {}),
    ("nothing close enough", "没有足够接近的词", "xyzzyq", COUNTS, {}),
    ("distance beats frequency", "距离优先于频率", "thw", COUNTS, {}),
    (
        "equal distance and count: sorted order",
        "距离和次数都相同：按排序",
        "bat",
        {"cat": 5, "hat": 5, "bar": 5, "bad": 2},
        {},
    ),
    ("max_distance = 1", "max_distance = 1", "lnaguge", COUNTS, {"max_distance": 1}),
    ("a transposed typo", "字母对调的拼写错误", "definitley", COUNTS, {}),
    ("a negative max_distance", "max_distance 为负数", "teh", COUNTS, {"max_distance": -1}),
]


def make_cases(rng):
    cases = [
        _distance(
            bilingual("example: kitten to sitting", "示例：kitten 到 sitting"), "kitten", "sitting", visible=True
        ),
        _distance(
            bilingual("example: substitution costs 2", "示例：替换代价为 2"),
            "intention",
            "execution",
            substitution_cost=2,
            visible=True,
        ),
        _distance(
            bilingual("example: ca to abc with transpositions", "示例：允许交换时 ca 到 abc"),
            "ca",
            "abc",
            transpositions=True,
            visible=True,
        ),
        _correct(bilingual("example: speling", "示例：speling"), "speling", COUNTS, visible=True),
        _correct(bilingual("example: recieve", "示例：recieve"), "recieve", COUNTS, visible=True),
    ]
    cases += [_hidden_distance(bilingual(en, zh), a, b, **kwargs) for en, zh, a, b, kwargs in HIDDEN_DISTANCES]
    cases += [
        _correct(bilingual(en, zh), word, counts, **kwargs) for en, zh, word, counts, kwargs in HIDDEN_CORRECTIONS
    ]
    for i in range(4):
        letters = "abc" if i < 2 else ALPHABET
        source = "".join(rng.choice(list(letters), size=int(rng.integers(0, 12))))
        target = "".join(rng.choice(list(letters), size=int(rng.integers(0, 12))))
        cases.append(
            _hidden_distance(
                bilingual(f"random strings {i + 1}", f"随机字符串 {i + 1}"),
                source,
                target,
                substitution_cost=int(rng.integers(1, 3)),
                transpositions=bool(i % 2),
            )
        )
    words = sorted(COUNTS)
    for i in range(5):
        word = words[int(rng.integers(len(words)))]
        cases.append(
            _correct(
                bilingual(f"random typo {i + 1}", f"随机拼写错误 {i + 1}"),
                _typo(rng, word),
                COUNTS,
                max_distance=int(rng.integers(1, 3)),
            )
        )
    return with_hints(cases, HINTS)
