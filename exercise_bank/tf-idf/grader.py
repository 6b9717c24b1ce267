"""Cases for tf-idf: the statement's example, edge collections and random English/Chinese documents."""

import numpy as np

from gpu_runner.graders.code import Case, compare

WORDS = [
    "the",
    "cat",
    "sat",
    "on",
    "mat",
    "dog",
    "ran",
    "a",
    "model",
    "token",
    "The",
    "Cat",
    "attention",
    "我",
    "爱",
    "猫",
    "狗",
    "模型",
    "注意力",
    "是",
    "的",
    "GPT",
    "BERT",
    "2024",
    "!",
    ",",
]


def _docs(rng, n_docs, max_len, vocab_size):
    words = [WORDS[i] for i in rng.choice(len(WORDS), size=vocab_size, replace=False)]
    # Zipf-like weights make a few words frequent (high df) and most rare, as in real text.
    p = 1.0 / np.arange(1, vocab_size + 1)
    p /= p.sum()
    return [
        [words[i] for i in rng.choice(vocab_size, size=int(rng.integers(1, max_len + 1)), p=p)] for _ in range(n_docs)
    ]


def _case(name, docs, *, visible=False, hint=""):
    return Case(name=name, fn="tfidf", args=(docs,), visible=visible, hint=hint)


def make_cases(rng):
    cases = [
        _case("statement example", [["the", "cat", "sat"], ["the", "dog"]], visible=True),
        _case(
            "repeated words and an empty document",
            [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog"], []],
            visible=True,
        ),
        _case(
            "a single document (idf is 1 everywhere)",
            [["a", "b", "a", "c"]],
            hint="with one document idf = ln(2/2) + 1 = 1 for every token",
        ),
        _case("identical documents", [["x", "y"], ["x", "y"], ["y", "x"]], hint="df counts documents, not occurrences"),
        _case(
            "a word in every document",
            [["we", "like", "nlp"], ["we", "like", "cv"], ["we", "do"]],
            hint="a word in every document keeps idf = 1 with the smoothed formula",
        ),
        _case("no documents", [], hint="no documents give ([], an array of shape (0, 0))"),
        _case("only empty documents", [[], []], hint="an empty document is a row of zeros"),
        _case(
            "case-sensitive tokens and code point order",
            [["The", "the", "THE"], ["the", "Zebra", "apple"]],
            hint="sort the vocabulary with sorted(); do not lowercase",
        ),
        _case(
            "Chinese tokens",
            [["我", "爱", "猫"], ["我", "爱", "狗", "狗"], ["猫", "和", "狗"]],
            hint="tf = count / len(doc); rows are L2-normalised",
        ),
    ]
    for i in range(4):
        n_docs = int(rng.integers(2, 12))
        docs = _docs(rng, n_docs, max_len=int(rng.integers(3, 25)), vocab_size=int(rng.integers(4, len(WORDS))))
        cases.append(
            _case(
                f"random collection {i + 1} ({n_docs} documents)",
                docs,
                hint="tf = count / len(doc), idf = ln((1 + N) / (1 + df)) + 1, then L2-normalise each row",
            )
        )
    return cases


def check(case, expected, got):
    """Names the part that differs: the vocabulary or the matrix (the default would say `[0]` or `[1]`)."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return "return a tuple (vocabulary, matrix)"
    vocabulary, matrix = got
    message = compare(expected[0], vocabulary)
    if message is not None:
        if not case.visible:
            return "the vocabulary is wrong: every distinct token, sorted with sorted()"
        return f"the vocabulary is wrong: {message}"
    message = compare(expected[1], matrix, rtol=case.rtol, atol=case.atol)
    if message is not None:
        if not case.visible:
            return "the matrix is wrong (check its shape, tf, df, idf and the row normalisation)"
        return f"the matrix is wrong: {message}"
    return None
