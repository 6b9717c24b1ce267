"""Cases for bm25: the statement's examples shown; idf of 0, the negative-idf floor, repeated and unknown query
terms, empty documents, other k1/b/epsilon, Chinese bigrams and random Zipf corpora hidden."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import case_maker, with_hints

EXAMPLE = [
    s.split()
    for s in [
        "the cat sat on the mat",
        "the dog chased the cat",
        "a bird sang in the tree",
        "the bird and the cat",
        "dogs and cats are pets",
    ]
]
WORDS = [
    "search",
    "model",
    "query",
    "index",
    "rank",
    "token",
    "the",
    "of",
    "vector",
    "score",
    "bm25",
    "doc",
    "检索",
    "模型",
]
ZH = ["检索增强生成", "向量检索与关键词检索", "关键词检索依赖词频", "生成模型回答问题", "检索结果决定回答质量"]
FLOOR = {
    "en": "a NEGATIVE idf becomes epsilon × (mean of all idf values, taken before any is replaced)",
    "zh": "为负的 idf 替换为 epsilon ×（所有 idf 的平均值，在替换之前计算）",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a term in exactly half of the documents": {
        "en": "idf = ln(N - n + 0.5) - ln(n + 0.5) is exactly 0 when n = N/2, and 0 is not negative",
        "zh": "n = N/2 时 idf = ln(N - n + 0.5) - ln(n + 0.5) 恰好为 0，而 0 不是负数",
    },
    "a corpus of common words": FLOOR,
    "the floor with epsilon = 0": FLOOR,
    "a repeated query term": {"en": "do not deduplicate the query", "zh": "不要对查询去重"},
    "an empty query": {"en": "every score is 0", "zh": "所有得分都是 0"},
    "an empty document": {
        "en": "an empty document counts in N and in the average length",
        "zh": "空文档也计入 N 和平均长度",
    },
    "k1 = 2, b = 1": {
        "en": "the length term is k1 · (1 - b + b · |d| / avgdl), avgdl over all documents",
        "zh": "长度项是 k1 · (1 - b + b · |d| / avgdl)，avgdl 是所有文档的平均长度",
    },
    "an empty corpus": RAISE_VALUE_ERROR,
}


_case = case_maker("bm25_scores", rtol=1e-9, atol=1e-12)


def _bigrams(text):
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _zipf_corpus(rng, n_docs):
    p = 1.0 / np.arange(1, len(WORDS) + 1)
    p /= p.sum()
    return [[WORDS[i] for i in rng.choice(len(WORDS), size=int(rng.integers(0, 25)), p=p)] for _ in range(n_docs)]


def make_cases(rng):
    cases = [
        _case(bilingual("example: two query terms", "示例：两个查询词"), EXAMPLE, ["cat", "bird"], visible=True),
        _case(bilingual("example: a rare term", "示例：罕见词"), EXAMPLE, ["dog"], visible=True),
        _case(
            bilingual("example: a common term, twice", "示例：常见词，出现两次"), EXAMPLE, ["the", "the"], visible=True
        ),
    ]
    # (English name, Chinese name, corpus, query, keyword arguments)
    hidden = [
        (
            "a term in exactly half of the documents",
            "恰好出现在一半文档中的词",
            [["a", "b"], ["a", "c"], ["d"], ["e", "e"]],
            ["a", "e"],
            {},
        ),
        (
            "a corpus of common words: the floor is negative",
            "常见词组成的语料：下限为负",
            [["x", "y", "z"], ["x", "y", "z", "w"], ["x", "y"]],
            ["x", "w", "z"],
            {},
        ),
        ("the floor with epsilon = 0", "epsilon = 0 时的下限", EXAMPLE, ["the", "cat", "mat"], {"epsilon": 0.0}),
        (
            "a repeated query term counts every time",
            "重复的查询词每次都计入",
            EXAMPLE,
            ["bird", "bird", "bird", "tree"],
            {},
        ),
        ("a term that no document contains", "没有任何文档包含的词", EXAMPLE, ["fish", "cat"], {}),
        ("an empty query", "空查询", EXAMPLE, [], {}),
        (
            "an empty document",
            "空文档",
            [["retrieval", "augmented", "generation"], [], ["dense", "retrieval"], ["sparse", "retrieval", "bm25"]],
            ["retrieval", "bm25"],
            {},
        ),
        ("b = 0: no length normalisation", "b = 0：不做长度归一化", EXAMPLE, ["cat", "dog"], {"k1": 1.2, "b": 0.0}),
        ("k1 = 2, b = 1", "k1 = 2，b = 1", EXAMPLE, ["the", "bird", "pets"], {"k1": 2.0, "b": 1.0}),
        ("Chinese character bigrams", "中文字二元组", [_bigrams(text) for text in ZH], _bigrams("关键词检索"), {}),
        ("an empty corpus", "空语料", [], ["cat"], {}),
    ]
    cases += [_case(bilingual(en, zh), corpus, query, **kwargs) for en, zh, corpus, query, kwargs in hidden]
    for i in range(3):
        corpus = _zipf_corpus(rng, int(rng.integers(5, 60)))
        corpus[0] = corpus[0] or ["search"]
        query = [str(w) for w in rng.choice(WORDS, size=int(rng.integers(1, 6)))] + ["unseen"]
        cases.append(_case(bilingual(f"random corpus {i + 1}", f"随机语料 {i + 1}"), corpus, query))
    return with_hints(cases, HINTS)
