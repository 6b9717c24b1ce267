"""Cases for bm25: the statement's examples shown; idf of 0, the negative-idf floor, repeated and unknown query
terms, empty documents, other k1/b/epsilon, Chinese bigrams and random Zipf corpora hidden."""

import numpy as np

from gpu_runner.graders.code import Case

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


def _case(name, corpus, query, *, visible=False, hint=None, **kwargs):
    return Case(
        name=name,
        fn="bm25_scores",
        args=(corpus, query),
        kwargs=kwargs,
        visible=visible,
        hint=hint or "",
        rtol=1e-9,
        atol=1e-12,
    )


def _bigrams(text):
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _zipf_corpus(rng, n_docs):
    p = 1.0 / np.arange(1, len(WORDS) + 1)
    p /= p.sum()
    return [[WORDS[i] for i in rng.choice(len(WORDS), size=int(rng.integers(0, 25)), p=p)] for _ in range(n_docs)]


def make_cases(rng):
    cases = [
        _case({"en": "example: two query terms", "zh": "示例：两个查询词"}, EXAMPLE, ["cat", "bird"], visible=True),
        _case({"en": "example: a rare term", "zh": "示例：罕见词"}, EXAMPLE, ["dog"], visible=True),
        _case(
            {"en": "example: a common term, twice", "zh": "示例：常见词，出现两次"},
            EXAMPLE,
            ["the", "the"],
            visible=True,
        ),
        _case(
            {"en": "a term in exactly half of the documents", "zh": "恰好出现在一半文档中的词"},
            [["a", "b"], ["a", "c"], ["d"], ["e", "e"]],
            ["a", "e"],
            hint={
                "en": "idf = ln(N - n + 0.5) - ln(n + 0.5) is exactly 0 when n = N/2, and 0 is not negative",
                "zh": "n = N/2 时 idf = ln(N - n + 0.5) - ln(n + 0.5) 恰好为 0，而 0 不是负数",
            },
        ),
        _case(
            {"en": "a corpus of common words: the floor is negative", "zh": "常见词组成的语料：下限为负"},
            [["x", "y", "z"], ["x", "y", "z", "w"], ["x", "y"]],
            ["x", "w", "z"],
            hint=FLOOR,
        ),
        _case(
            {"en": "the floor with epsilon = 0", "zh": "epsilon = 0 时的下限"},
            EXAMPLE,
            ["the", "cat", "mat"],
            epsilon=0.0,
            hint=FLOOR,
        ),
        _case(
            {"en": "a repeated query term counts every time", "zh": "重复的查询词每次都计入"},
            EXAMPLE,
            ["bird", "bird", "bird", "tree"],
            hint={"en": "do not deduplicate the query", "zh": "不要对查询去重"},
        ),
        _case({"en": "a term that no document contains", "zh": "没有任何文档包含的词"}, EXAMPLE, ["fish", "cat"]),
        _case(
            {"en": "an empty query", "zh": "空查询"},
            EXAMPLE,
            [],
            hint={"en": "every score is 0", "zh": "所有得分都是 0"},
        ),
        _case(
            {"en": "an empty document", "zh": "空文档"},
            [["retrieval", "augmented", "generation"], [], ["dense", "retrieval"], ["sparse", "retrieval", "bm25"]],
            ["retrieval", "bm25"],
            hint={
                "en": "an empty document counts in N and in the average length",
                "zh": "空文档也计入 N 和平均长度",
            },
        ),
        _case(
            {"en": "b = 0: no length normalisation", "zh": "b = 0：不做长度归一化"},
            EXAMPLE,
            ["cat", "dog"],
            k1=1.2,
            b=0.0,
        ),
        _case(
            {"en": "k1 = 2, b = 1", "zh": "k1 = 2，b = 1"},
            EXAMPLE,
            ["the", "bird", "pets"],
            k1=2.0,
            b=1.0,
            hint={
                "en": "the length term is k1 · (1 - b + b · |d| / avgdl), avgdl over all documents",
                "zh": "长度项是 k1 · (1 - b + b · |d| / avgdl)，avgdl 是所有文档的平均长度",
            },
        ),
        _case(
            {"en": "Chinese character bigrams", "zh": "中文字二元组"},
            [_bigrams(text) for text in ZH],
            _bigrams("关键词检索"),
        ),
        _case(
            {"en": "an empty corpus", "zh": "空语料"},
            [],
            ["cat"],
            hint={"en": "raise ValueError", "zh": "抛出 ValueError"},
        ),
    ]
    for i in range(3):
        corpus = _zipf_corpus(rng, int(rng.integers(5, 60)))
        corpus[0] = corpus[0] or ["search"]
        query = [str(w) for w in rng.choice(WORDS, size=int(rng.integers(1, 6)))] + ["unseen"]
        cases.append(_case({"en": f"random corpus {i + 1}", "zh": f"随机语料 {i + 1}"}, corpus, query))
    return cases
