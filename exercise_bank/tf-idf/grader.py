"""Cases for tf-idf: the statement's example, edge collections and random English/Chinese documents."""

import numpy as np

from gpu_runner.graders.case_texts import STATEMENT_EXAMPLE, not_a_tuple
from gpu_runner.graders.code import case_maker, diff
from gpu_runner.texts import message

WORDS = [
    "the", "cat", "sat", "on", "mat", "dog", "ran", "a", "model", "token", "The", "Cat", "attention", "我", "爱", "猫",
    "狗", "模型", "注意力", "是", "的", "GPT", "BERT", "2024", "!", ","
]  # fmt: skip


def _docs(rng, n_docs, max_len, vocab_size):
    words = [WORDS[i] for i in rng.choice(len(WORDS), size=vocab_size, replace=False)]
    # Zipf-like weights make a few words frequent (high df) and most rare, as in real text.
    p = 1.0 / np.arange(1, vocab_size + 1)
    p /= p.sum()
    return [
        [words[i] for i in rng.choice(vocab_size, size=int(rng.integers(1, max_len + 1)), p=p)] for _ in range(n_docs)
    ]


_case = case_maker("tfidf")
FORMULA = {
    "en": "tf = count / len(doc), idf = ln((1 + N) / (1 + df)) + 1, then L2-normalise each row",
    "zh": "tf = count / len(doc)，idf = ln((1 + N) / (1 + df)) + 1，然后对每一行做 L2 归一化",
}
SHOWN = [
    (STATEMENT_EXAMPLE, [["the", "cat", "sat"], ["the", "dog"]]),
    ({"en": "repeated words and an empty document", "zh": "重复的词和一个空文档"}, [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog"], []]),
]  # fmt: skip
# (name, documents, hint)
SITUATIONS = [
    ({"en": "a single document (idf is 1 everywhere)", "zh": "只有一个文档（idf 处处为 1）"}, [["a", "b", "a", "c"]],
     {"en": "with one document idf = ln(2/2) + 1 = 1 for every token", "zh": "只有一个文档时，每个词元的 idf = ln(2/2) + 1 = 1"}),
    ({"en": "identical documents", "zh": "相同的文档"}, [["x", "y"], ["x", "y"], ["y", "x"]],
     {"en": "df counts documents, not occurrences", "zh": "df 统计的是文档数，而不是出现次数"}),
    ({"en": "a word in every document", "zh": "每个文档都出现的词"}, [["we", "like", "nlp"], ["we", "like", "cv"], ["we", "do"]],
     {"en": "a word in every document keeps idf = 1 with the smoothed formula", "zh": "用平滑公式时，每个文档都出现的词的 idf 仍为 1"}),
    ({"en": "no documents", "zh": "没有文档"}, [],
     {"en": "no documents give ([], an array of shape (0, 0))", "zh": "没有文档时返回 ([], 形状为 (0, 0) 的数组)"}),
    ({"en": "only empty documents", "zh": "只有空文档"}, [[], []],
     {"en": "an empty document is a row of zeros", "zh": "空文档对应一行全零"}),
    ({"en": "case-sensitive tokens and code point order", "zh": "区分大小写的词元和码位顺序"}, [["The", "the", "THE"], ["the", "Zebra", "apple"]],
     {"en": "sort the vocabulary with sorted(); do not lowercase", "zh": "用 sorted() 给词表排序；不要转成小写"}),
    ({"en": "Chinese tokens", "zh": "中文词元"}, [["我", "爱", "猫"], ["我", "爱", "狗", "狗"], ["猫", "和", "狗"]],
     {"en": "tf = count / len(doc); rows are L2-normalised", "zh": "tf = count / len(doc)；每一行做 L2 归一化"}),
]  # fmt: skip


def make_cases(rng):
    cases = [_case(name, documents, visible=True) for name, documents in SHOWN]
    cases += [_case(name, documents, hint=hint) for name, documents, hint in SITUATIONS]
    for i in range(4):
        n_docs = int(rng.integers(2, 12))
        docs = _docs(rng, n_docs, max_len=int(rng.integers(3, 25)), vocab_size=int(rng.integers(4, len(WORDS))))
        name = {"en": f"random collection {i + 1} ({n_docs} documents)", "zh": f"随机文档集 {i + 1}（{n_docs} 个文档）"}
        cases.append(_case(name, docs, hint=FORMULA))
    return cases


def check(case, expected, got):
    """Names the part that differs: the vocabulary or the matrix (the default would say `[0]` or `[1]`)."""
    if wrong_shape := not_a_tuple(got, ("vocabulary", "matrix")):
        return wrong_shape
    vocabulary, matrix = got
    mismatch = diff(expected[0], vocabulary)
    if mismatch is not None:
        if not case.visible:
            return {
                "en": "the vocabulary is wrong: every distinct token, sorted with sorted()",
                "zh": "词表不对：应包含每个不同的词元，并用 sorted() 排序",
            }
        return message(
            "check.labelled", label={"en": "the vocabulary is wrong", "zh": "词表不对"}, problem=mismatch.text()
        )
    mismatch = diff(expected[1], matrix, rtol=case.rtol, atol=case.atol)
    if mismatch is not None:
        if not case.visible:
            return {
                "en": "the matrix is wrong (check its shape, tf, df, idf and the row normalisation)",
                "zh": "矩阵不对（检查它的形状、tf、df、idf 和按行归一化）",
            }
        return message("check.labelled", label={"en": "the matrix is wrong", "zh": "矩阵不对"}, problem=mismatch.text())
    return None
