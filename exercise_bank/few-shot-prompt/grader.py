"""Cases for few-shot-prompt: picking in-context examples by similarity under a token budget, skipping the ones
that do not fit, the order in the prompt, ties, a k limit, Chinese text, and a budget too small."""

from gpu_runner.graders.case_texts import raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

FN = "build_few_shot_prompt"
INSTRUCTION = "Classify the sentiment of the review as positive, negative or mixed."
EXAMPLES = [
    {"input": "The battery lasts all day, great phone.", "output": "positive"},
    {"input": "Screen cracked after a week.", "output": "negative"},
    {"input": "Great camera, but the battery dies by noon.", "output": "mixed"},
    {
        "input": "Fast delivery and the phone works perfectly, I would buy it again without any hesitation at all.",
        "output": "positive",
    },
    {"input": "Terrible battery.", "output": "negative"},
]
QUERY = "Is the battery of this phone great?"

POOL = [
    ("The sound quality is superb and the app is easy to use.", "positive"),
    ("Stopped charging after two days, support never answered.", "negative"),
    ("Nice design, but the keyboard feels cheap.", "mixed"),
    ("Battery life is excellent and the screen is bright.", "positive"),
    ("The camera is blurry in low light.", "negative"),
    ("Works fine, though setup took an hour.", "mixed"),
    ("Best headphones I have owned, the battery is great.", "positive"),
    ("The strap broke the first time I used it.", "negative"),
    ("Good value for money, shipping was slow.", "mixed"),
    ("Love the screen, hate the battery.", "mixed"),
    ("It does exactly what it promises.", "positive"),
    ("Overheats when I play games.", "negative"),
]
QUERIES = [
    "How good is the battery and the screen?",
    "Is the camera good in low light?",
    "Was the shipping slow?",
    "Does the app work well?",
]
ZH_EXAMPLES = [
    {"input": "电池很耐用，屏幕也很清晰。", "output": "正面"},
    {"input": "用了一周屏幕就碎了。", "output": "负面"},
    {"input": "相机不错，但是电池不行。", "output": "中性"},
    {"input": "物流很快，包装完好，非常满意。", "output": "正面"},
]


def _examples(rng, count):
    chosen = rng.choice(len(POOL), size=count, replace=False)
    return [{"input": POOL[int(i)][0], "output": POOL[int(i)][1]} for i in chosen]


SKIP = {
    "en": (
        "walk the examples from most to least similar; add one when the whole prompt still fits, otherwise skip it and try "
        "the next (a shorter one may fit)"
    ),
    "zh": "按相似度从高到低遍历示例；加入后整个提示仍在预算内就加入，否则跳过它、继续看下一个（更短的可能放得下）",
}
ORDER = {
    "en": "in the prompt the chosen examples come in the reverse order of choosing: the most similar one right before the query",
    "zh": "提示中被选中的示例按选择顺序的逆序排列：最相似的紧挨着问题",
}
TOKENS = {
    "en": (
        "count tokens with the statement's rule: a run of ASCII letters or digits is one token, every other non-space "
        "character (punctuation, each Chinese character) is one; 'Input:' and 'Output:' count too"
    ),
    "zh": (
        "按题目规则计数：连续的 ASCII 字母或数字算一个词元，其他每个非空白字符（标点、每个汉字）各算一个；'Input:' 和 "
        "'Output:' 也要计入"
    ),
}
SIMILARITY = {
    "en": "similarity is the Jaccard index of the two lowercase token sets; ties go to the example that comes first in the list",
    "zh": "相似度是两个小写词元集合的 Jaccard 指数；相似度相同时，列表中靠前的示例优先",
}

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a large budget takes every example": ORDER,
    "a budget that fits a few": SKIP,
    "a tight budget": TOKENS,
    "at most k examples": SIMILARITY,
    "ties in similarity": SIMILARITY,
    "a budget met exactly": {
        "en": "a prompt of exactly max_tokens tokens fits",
        "zh": "正好 max_tokens 个词元的提示是放得下的",
    },
    "Chinese examples count one token per character": TOKENS,
    "no examples at all": {
        "en": "with no example the prompt is the instruction, a blank line and the query block",
        "zh": "没有示例时，提示就是指令、一个空行和问题部分",
    },
    "a budget smaller than the instruction and the query raises ValueError": {
        "en": "raise ValueError when the instruction and the query block alone exceed max_tokens",
        "zh": "仅指令和问题部分就超过 max_tokens 时，抛出 ValueError",
    },
}

_case = case_maker(FN)
TIED = [
    {"input": "battery ok", "output": "positive"},
    {"input": "screen ok", "output": "positive"},
    {"input": "battery bad", "output": "negative"},
    {"input": "screen bad", "output": "negative"},
]
EXACT = 13 + 12 + 14 + 15  # instruction, query block and examples 0 and 2 of the statement


def _statement(name, budget, **options):
    """A case on the statement's instruction, examples and query."""
    return _case(name, INSTRUCTION, EXAMPLES, QUERY, budget, **options)


def make_cases(rng):
    pool = _examples(rng, int(rng.integers(7, 12)))
    query = str(rng.choice(QUERIES))

    def drawn(name, budget, **options):
        """A case on the drawn pool of examples and query."""
        return _case(name, INSTRUCTION, pool, query, budget, **options)

    cases = [
        _statement({"en": "statement example: 60 tokens", "zh": "题目示例：60 个词元"}, 60, visible=True),
        _statement(
            {"en": "statement example: 50 tokens skips an example", "zh": "题目示例：50 个词元时跳过一个示例"},
            50,
            visible=True,
        ),
        _statement({"en": "statement example: k = 1", "zh": "题目示例：k = 1"}, 200, k=1, visible=True),
        drawn({"en": "a large budget takes every example", "zh": "预算很大时选入所有示例"}, 10_000),
        drawn({"en": "a budget that fits a few", "zh": "只放得下几个示例的预算"}, int(rng.integers(55, 90))),
        drawn({"en": "a tight budget", "zh": "很紧的预算"}, int(rng.integers(35, 50))),
        drawn({"en": "at most k examples", "zh": "最多 k 个示例"}, 10_000, k=int(rng.integers(2, 5))),
        _case({"en": "ties in similarity", "zh": "相似度并列"}, "Label it.", TIED, "battery ?", 10_000),
        _statement({"en": "a budget met exactly", "zh": "正好用满预算"}, EXACT),
        _case(
            {"en": "Chinese examples count one token per character", "zh": "中文示例每个字算一个词元"},
            "判断评论的情感。",
            ZH_EXAMPLES,
            "电池怎么样？",
            int(rng.integers(30, 45)),
        ),
        _case({"en": "no examples at all", "zh": "完全没有示例"}, INSTRUCTION, [], QUERY, 100),
        drawn(
            raises_value_error("a budget smaller than the instruction and the query", "预算小于指令加问题"),
            20,
        ),
    ]
    return with_hints(cases, HINTS)
