"""Cases for corpus-bleu: the statement's examples shown; clipping, brevity, multiple references, smoothing,
short sentences, bad input and random corpora (English words and segmented Chinese) hidden."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker

WORDS = [
    "the", "a", "cat", "dog", "sat", "on", "mat", "is", "there", "was", "big", "small", "red", "model", "data",
    "train", "test", "we", "they", "saw", "it",
]  # fmt: skip
WORDS_ZH = [
    "我", "你", "他", "喜欢", "自然", "语言", "处理", "今天", "天气", "很", "好", "模型", "数据", "训练", "的", "了",
    "在", "北京", "学习", "翻译",
]  # fmt: skip


_case = case_maker("corpus_bleu", rtol=1e-9, atol=1e-9)


def _perturb(rng, tokens, vocabulary, rate):
    """A noisy copy: each token may be replaced, dropped or followed by an extra word."""
    out = []
    for token in tokens:
        roll = rng.random()
        if roll < rate / 3:
            continue
        out.append(str(rng.choice(vocabulary)) if roll < rate else token)
        if rng.random() < rate / 4:
            out.append(str(rng.choice(vocabulary)))
    return out


def _corpus(rng, vocabulary, n_segments):
    hypotheses, references = [], []
    for _ in range(n_segments):
        source = [str(w) for w in rng.choice(vocabulary, size=int(rng.integers(3, 16)))]
        refs = [" ".join(_perturb(rng, source, vocabulary, 0.2)) or source[0] for _ in range(int(rng.integers(1, 4)))]
        hypotheses.append(" ".join(_perturb(rng, source, vocabulary, float(rng.uniform(0.1, 0.5)))))
        references.append(refs)
    return hypotheses, references


# (English name, Chinese name, hypotheses, references, hint)
HIDDEN = [
    (
        "a repeated word is clipped",
        "重复的词要截断计数",
        ["the the the the the the the"],
        [["the cat is on the mat", "there is a cat on the mat"]],
        {
            "en": "an n-gram counts at most as often as it occurs in any single reference",
            "zh": "一个 n-gram 最多只能按它在某一条参考译文中出现的次数计数",
        },
    ),
    (
        "clipping takes the maximum over the references",
        "截断取各参考译文中的最大次数",
        ["a cat and a dog and a bird and a fish"],
        [["a cat and a dog", "a bird and a fish"]],
        {
            "en": "clip by the largest count in one reference, not by the sum over all references",
            "zh": "按单条参考译文中的最大次数截断，而不是所有参考译文次数之和",
        },
    ),
    (
        "a short hypothesis pays the brevity penalty",
        "过短的译文要付简短惩罚",
        ["the cat sat on", "we saw it there"],
        [["the cat sat on the red mat"], ["we saw it there yesterday"]],
        {"en": "BP = exp(1 - r / c) when c < r", "zh": "c < r 时 BP = exp(1 - r / c)"},
    ),
    (
        "the closest reference length, the shorter on a tie",
        "取最接近的参考长度，相同时取较短者",
        ["a b c d e f g"],
        [["a b c d e", "a b c d e f", "a b c d e f g h"]],
        {
            "en": "r uses, per sentence, the reference length nearest c; on a tie the shorter one",
            "zh": "每个句子的 r 取与 c 最接近的参考长度；距离相同时取较短的那个",
        },
    ),
    (
        "the closest reference is longer than the hypothesis",
        "最接近的参考译文比译文长",
        ["a b c d e f g h"],
        [["a b c", "a b c d e f g h i"]],
        {
            "en": "the closest reference, not the shortest one, sets r",
            "zh": "决定 r 的是最接近的参考译文，而不是最短的那条",
        },
    ),
    (
        "statistics are pooled over the corpus",
        "统计量在整个语料上汇总",
        ["a b c d e f g h i", "x y"],
        [["a b c d e f g h i"], ["x z w"]],
        {
            "en": "add up matches, n-gram totals and lengths over all sentences first; do not average sentence scores",
            "zh": "先把所有句子的匹配数、n-gram 总数和长度加起来；不要对各句的分数取平均",
        },
    ),
    (
        "exp smoothing for two missing orders",
        "两个阶数没有匹配时的 exp 平滑",
        ["the cat sat down quickly on the mat today"],
        [["the cat sat on the red mat"]],
        {
            "en": "the k-th order with no match gets precision 1 / (2^k · total)",
            "zh": "第 k 个没有匹配的阶数，其精确率为 1 / (2^k · total)",
        },
    ),
    (
        "nothing matches",
        "没有任何匹配",
        ["x y z w"],
        [["a b c d"]],
        {"en": "no matching n-gram of any order gives 0", "zh": "任何阶数都没有匹配时结果为 0"},
    ),
    (
        "no 4-grams anywhere",
        "整个语料中没有 4-gram",
        ["a b c", "d e"],
        [["a b c"], ["d e"]],
        {
            "en": "when the hypotheses have no n-grams of some order at all, BLEU is 0 even with smoothing",
            "zh": "如果所有译文中都没有某个阶数的 n-gram，即使做平滑 BLEU 也是 0",
        },
    ),
    (
        "an empty hypothesis in the corpus",
        "语料中有一个空译文",
        ["the cat sat on the mat", ""],
        [["the cat sat on the mat"], ["there is a dog"]],
        "",
    ),
    (
        "segmented Chinese",
        "已分词的中文",
        ["我 喜欢 自然 语言 处理", "今天 天气 很 好"],
        [["我 很 喜欢 自然 语言 处理"], ["今天 的 天气 很 好"]],
        "",
    ),
    (
        "extra spaces are not tokens",
        "多余的空格不是词元",
        ["  the cat  sat on   the mat "],
        [["the  cat sat on the mat"]],
        {"en": "split with str.split() (no argument)", "zh": "用不带参数的 str.split() 切分"},
    ),
    ("more hypotheses than reference lists", "译文数多于参考译文列表数", ["a b", "c d"], [["a b"]], RAISE_VALUE_ERROR),
    ("an empty corpus", "空语料", [], [], RAISE_VALUE_ERROR),
]


def make_cases(rng):
    one = (["the cat is on the mat"], [["the cat sat on the mat"]])
    cases = [
        _case(bilingual("example: one sentence", "示例：一个句子"), *one, visible=True),
        _case(bilingual("example: no smoothing", "示例：不做平滑"), *one, smooth="none", visible=True),
        _case(
            bilingual("example: two sentences, two references for the first", "示例：两个句子，第一个有两条参考译文"),
            ["the cat is on the mat", "there is a cat on the mat"],
            [["the cat sat on the mat", "a cat is on the mat"], ["there is a cat on the mat"]],
            visible=True,
        ),
    ]
    cases += [
        _case(bilingual(en, zh), hypotheses, references, hint=hint) for en, zh, hypotheses, references, hint in HIDDEN
    ]
    for i in range(3):
        hypotheses, references = _corpus(rng, WORDS, int(rng.integers(3, 30)))
        smooth = str(rng.choice(["exp", "none"]))
        cases.append(
            _case(
                {
                    "en": f"random English corpus {i + 1} (smooth={smooth})",
                    "zh": f"随机英文语料 {i + 1}（smooth={smooth}）",
                },
                hypotheses,
                references,
                smooth=smooth,
            )
        )
    hypotheses, references = _corpus(rng, WORDS_ZH, int(rng.integers(3, 30)))
    cases.append(_case({"en": "random Chinese corpus", "zh": "随机中文语料"}, hypotheses, references))
    return cases
