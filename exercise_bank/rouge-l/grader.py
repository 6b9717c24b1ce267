"""Cases for rouge-l: the statement's examples shown; word order, tokenisation, several references, beta, empty
texts, bad input and long random texts (English words and Chinese characters) hidden."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker, with_hints

WORDS = ["the", "model", "a", "summary", "of", "news", "police", "said", "on", "Monday", "data", "new", "is", "was"]
CHARS = list("研究人员发布了新的语言模型今天在北京大学公司说")
PUNCT = [",", ".", "!", "?", "，", "。", "、", " - "]
TOKENS = {
    "en": "lowercase first; tokens are runs of a-z and 0-9, and each Chinese character alone; the rest only separates",
    "zh": "先转小写；词元是连续的 a-z 与 0-9，以及单独的每个汉字；其余字符只起分隔作用",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a subsequence, not a substring": {
        "en": "the common tokens need not be next to each other, only in the same order",
        "zh": "公共词元不必相邻，只需顺序相同",
    },
    "case and punctuation": TOKENS,
    "mixed English and Chinese": TOKENS,
    "precision and recall are not swapped": {
        "en": "precision divides the LCS by the candidate's length, recall by the reference's",
        "zh": "精确率用 LCS 除以候选摘要的长度，召回率除以参考摘要的长度",
    },
    "references tied on F": {
        "en": "keep the first reference with the highest F; report its precision and recall",
        "zh": "保留 F 最高的第一条参考摘要，并报告它的精确率和召回率",
    },
    "the best reference by F": {"en": "compare the references by their F score", "zh": "按 F 值比较各条参考摘要"},
    "an empty candidate": {
        "en": "with no tokens on either side, precision, recall and F are all 0",
        "zh": "任意一方没有词元时，精确率、召回率和 F 都是 0",
    },
    "no references": RAISE_VALUE_ERROR,
    "beta of zero": RAISE_VALUE_ERROR,
    "long texts": {
        "en": "a recursive LCS exceeds Python's recursion limit here; fill a table row by row",
        "zh": "递归求 LCS 在这里会超过 Python 的递归深度限制；改为逐行填表",
    },
}
# (name, candidate, references, options): the statement's examples, shown.
EXAMPLES = [
    ({"en": "example: English", "zh": "示例：英文"}, "The police killed the gunman.", ["Police kill the gunman."], {}),
    ({"en": "example: Chinese", "zh": "示例：中文"}, "研究人员发布了新的语言模型。", ["研究团队今天发布了一个新的大语言模型。"], {}),
    ({"en": "example: the best of three references", "zh": "示例：三条参考摘要中取最好的"}, "a b c", ["x y", "a c", "b c"], {}),
]  # fmt: skip
# (name, candidate, references, options): hidden.
SITUATIONS = [
    ({"en": "a subsequence, not a substring", "zh": "是子序列，不是子串"}, "police said the new model was a summary", ["the police said on monday the data was a new summary"], {}),
    ({"en": "word order matters", "zh": "词序很重要"}, "the gunman kill police", ["police killed the gunman"], {}),
    ({"en": "case and punctuation", "zh": "大小写与标点"}, "GPT-4 scored 86.4% on MMLU!", ["On MMLU, GPT-4 reached 86.4%."], {}),
    ({"en": "mixed English and Chinese", "zh": "中英文混合"}, "OpenAI在2024年发布了GPT4o模型", ["2024年，OpenAI发布了新模型GPT4o。"], {}),
    ({"en": "precision and recall are not swapped", "zh": "精确率和召回率不要弄反"}, "the model", ["the new model was a summary of the news"], {"beta": 2.0}),
    ({"en": "beta below 1 favours precision", "zh": "beta 小于 1 时偏重精确率"}, "the new model was a summary of the news said police", ["police said the model"], {"beta": 0.5}),
    ({"en": "references tied on F: the first one", "zh": "参考摘要的 F 相同时取第一条"}, "a b c d", ["a b x", "c d y z w", "a b y"], {}),
    ({"en": "the best reference by F, not by recall", "zh": "按 F 选最好的参考摘要，而不是按召回率"}, "a b c d e f", ["a b", "a b c d e f g h i j k l"], {}),
    ({"en": "an empty candidate", "zh": "候选摘要为空"}, "", ["the police said"], {}),
    ({"en": "only punctuation", "zh": "只有标点"}, "... !!!", ["。，"], {}),
    ({"en": "no references", "zh": "没有参考摘要"}, "a b", [], {}),
    ({"en": "beta of zero", "zh": "beta 为 0"}, "a b", ["a b"], {"beta": 0.0}),
]  # fmt: skip


_case = case_maker("rouge_l", rtol=1e-9, atol=1e-12)


def _text(rng, n, chinese):
    if chinese:
        return "".join(
            str(rng.choice(CHARS)) + (str(rng.choice(PUNCT[4:])) if rng.random() < 0.1 else "") for _ in range(n)
        )
    words = []
    for _ in range(n):
        word = str(rng.choice(WORDS))
        words.append(word.upper() if rng.random() < 0.1 else word)
        if rng.random() < 0.1:
            words.append(str(rng.choice(PUNCT[:4])))
    return " ".join(words)


def _edit(rng, text, chinese):
    """A summary-like rewrite: drop some units, insert others."""
    units = list(text) if chinese else text.split()
    kept = [u for u in units if rng.random() > 0.3]
    for _ in range(len(units) // 5):
        kept.insert(int(rng.integers(0, len(kept) + 1)), str(rng.choice(CHARS if chinese else WORDS)))
    return ("" if chinese else " ").join(kept)


def make_cases(rng):
    cases = [_case(name, candidate, references, visible=True, **kw) for name, candidate, references, kw in EXAMPLES]
    cases += [_case(name, candidate, references, **kw) for name, candidate, references, kw in SITUATIONS]
    for i, chinese in enumerate((False, True, False)):
        reference = _text(rng, int(rng.integers(20, 80)), chinese)
        references = [reference] + [
            _text(rng, int(rng.integers(10, 60)), chinese) for _ in range(int(rng.integers(0, 3)))
        ]
        cases.append(
            _case(
                {"en": f"random summary {i + 1}", "zh": f"随机摘要 {i + 1}"},
                _edit(rng, reference, chinese),
                references,
                beta=float(rng.choice([1.0, 1.0, 1.2, 2.0])),
            )
        )
    reference = _text(rng, 1200, chinese=False)
    cases.append(
        _case(
            {"en": "long texts: 1,200 words", "zh": "长文本：1,200 个词"},
            _edit(rng, reference, chinese=False),
            [reference],
        )
    )
    return with_hints(cases, HINTS)
