"""Cases for qa-answer-span: model outputs over [CLS] question [SEP] context [SEP] padding, built from short
texts, with the tempting mistakes planted: the best end before the best start, question and padding tokens with
the highest logits, an answer longer than max_answer_len, Chinese text, and the no-answer option."""

import re
from typing import NamedTuple

import numpy as np

from gpu_runner.graders.case_texts import STATEMENT_EXAMPLE
from gpu_runner.graders.code import case_maker, with_hints

FN = "answer_spans"
PIECE = re.compile(r"[A-Za-z0-9]+|\S")  # words, numbers, and each other character (punctuation, Chinese)

TEXTS = [
    (
        "Where is the Eiffel Tower?",
        "The Eiffel Tower stands on the Champ de Mars in Paris, France.",
        "the Champ de Mars in Paris",
    ),
    (
        "Who wrote Pride and Prejudice?",
        "Pride and Prejudice is a novel written by Jane Austen and published in 1813.",
        "Jane Austen",
    ),
    (
        "When did Apollo 11 land?",
        "Apollo 11 landed on the Moon on 20 July 1969, carrying Neil Armstrong and Buzz Aldrin.",
        "20 July 1969",
    ),
    (
        "What does GPU stand for?",
        "A GPU, or graphics processing unit, runs thousands of simple operations in parallel.",
        "graphics processing unit",
    ),
    (
        "How tall is Mount Everest?",
        "Mount Everest rises 8,849 metres above sea level on the border of Nepal and China.",
        "8,849 metres",
    ),
]
CHINESE = ("长城在哪里？", "长城位于中国北方，全长两万多公里。", "中国北方")


def _encode(question, context, padding=0):
    """Offsets of [CLS] question [SEP] context [SEP] [PAD]...: (-1, -1) outside the context."""
    outside = [(-1, -1)] * (2 + len(PIECE.findall(question)))
    inside = [(m.start(), m.end()) for m in PIECE.finditer(context)]
    return np.array(outside + inside + [(-1, -1)] * (1 + padding)), len(outside)


class _Outputs(NamedTuple):
    """The arguments of answer_spans: a model's logits over one encoded (question, context), and the context."""

    start_logits: np.ndarray
    end_logits: np.ndarray
    offsets: np.ndarray
    context: str


def _logits(rng, question, context, answer, padding=0, peak=4.0):
    """Random logits with a peak at the answer's first and last token: (outputs, start token, end token)."""
    offsets, first = _encode(question, context, padding)
    start_char = context.index(answer)
    end_char = start_char + len(answer)
    start = first + int(np.flatnonzero(offsets[first:, 0] == start_char)[0])
    end = first + int(np.flatnonzero(offsets[first:, 1] == end_char)[0])
    start_logits = rng.normal(size=len(offsets))
    end_logits = rng.normal(size=len(offsets))
    start_logits[start] += peak
    end_logits[end] += peak
    return _Outputs(start_logits, end_logits, offsets, context), start, end


BAD_INPUT = {
    "en": (
        "raise ValueError when the shapes do not fit, when n_best or max_answer_len is below 1, or when no token is in "
        "the context"
    ),
    "zh": "当形状不匹配、n_best 或 max_answer_len 小于 1，或者没有任何词元属于上下文时，抛出 ValueError",
}
VALID = {
    "en": (
        "consider only spans with start <= end, both inside the context, at most max_answer_len tokens long; score each "
        "pair as p_start * p_end"
    ),
    "zh": "只考虑 start <= end、两端都在上下文中、长度不超过 max_answer_len 个词元的片段；每一对的得分为 p_start * p_end",
}
CONTEXT_ONLY = {
    "en": "the softmaxes run over the context tokens only: question, [CLS], [SEP] and padding tokens are left out entirely",
    "zh": "softmax 只在上下文词元上计算：问题、[CLS]、[SEP] 和填充词元完全排除在外",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a clear answer": VALID,
    "the 5 best answers": VALID,
    "the most likely end comes before the most likely start": {
        "en": "taking the argmax of the starts and of the ends separately can give end < start: search the valid pairs",
        "zh": "分别取起点和终点的 argmax 可能得到 end < start：要在合法的组合中搜索",
    },
    "question tokens have the highest logits": CONTEXT_ONLY,
    "padding after the context": CONTEXT_ONLY,
    "an answer longer than max_answer_len": {
        "en": "a span of tokens s..e has e - s + 1 tokens; it must be at most max_answer_len",
        "zh": "从 s 到 e 的片段有 e - s + 1 个词元；它不能超过 max_answer_len",
    },
    "a Chinese context": {
        "en": "the answer text is context[offsets[start][0]:offsets[end][1]]",
        "zh": "答案文本是 context[offsets[start][0]:offsets[end][1]]",
    },
    "no answer allowed": {
        "en": (
            "with allow_impossible, [CLS] (position 0) joins both softmaxes; the empty answer scores p_start[0] * p_end[0] and "
            "is ranked with the spans; spans never start or end at [CLS]"
        ),
        "zh": (
            "allow_impossible 为真时，[CLS]（位置 0）参与两个 softmax；空答案的得分为 p_start[0] * p_end[0]，与各片段一起排名；"
            "片段的起点和终点都不能是 [CLS]"
        ),
    },
    "logits of different lengths raise ValueError": BAD_INPUT,
    "n_best = 0 raises ValueError": BAD_INPUT,
}
_case = case_maker(FN)


def _spans(name, outputs, **options):
    """The case `answer_spans(*outputs, **options)`."""
    return _case(name, *outputs, **options)


def make_cases(rng):
    question, context, _ = TEXTS[0]
    offsets, first = _encode(question, context)
    start = np.zeros(len(offsets))
    end = np.zeros(len(offsets))
    # context tokens: The Eiffel Tower stands on the Champ de Mars in Paris , France .
    start[first + 5], start[first + 6] = 3.0, 2.0  # "the", "Champ"
    end[first + 10], end[first + 8] = 3.0, 2.5  # "Paris", "Mars"
    example = _Outputs(start, end, offsets, context)
    cases = [
        _spans(STATEMENT_EXAMPLE, example, visible=True),
        _spans({"en": "statement example, the 3 best", "zh": "题目示例，最好的 3 个"}, example, n_best=3, visible=True),
        _spans(
            {"en": "statement example, at most 4 tokens", "zh": "题目示例，最多 4 个词元"},
            example,
            max_answer_len=4,
            n_best=2,
            visible=True,
        ),
    ]
    order = rng.permutation(len(TEXTS))
    clear, _, _ = _logits(rng, *TEXTS[order[0]])
    cases += [
        _spans({"en": "a clear answer", "zh": "明确的答案"}, clear),
        _spans({"en": "the 5 best answers", "zh": "最好的 5 个答案"}, clear, n_best=5),
    ]

    end_first, s, e = _logits(rng, *TEXTS[order[1]])
    end_first.end_logits[s - 1] = end_first.end_logits[e] + 2.0  # the most likely end before the most likely start
    name = {"en": "the most likely end comes before the most likely start", "zh": "最可能的终点在最可能的起点之前"}
    cases.append(_spans(name, end_first))
    question_wins, _, _ = _logits(rng, *TEXTS[order[2]])
    question_wins.start_logits[1:3] += 10.0  # question tokens look like great starts and ends
    question_wins.end_logits[1:3] += 10.0
    cases.append(
        _spans({"en": "question tokens have the highest logits", "zh": "问题词元的 logits 最高"}, question_wins)
    )
    padding_wins, _, _ = _logits(rng, *TEXTS[order[2]], padding=int(rng.integers(3, 8)))
    padding_wins.start_logits[-2:] += 10.0
    padding_wins.end_logits[-2:] += 10.0
    cases.append(_spans({"en": "padding after the context", "zh": "上下文之后的填充"}, padding_wins, n_best=2))
    long_answer, _, _ = _logits(rng, *TEXTS[0], peak=6.0)
    cases.append(
        _spans(
            {"en": "an answer longer than max_answer_len", "zh": "比 max_answer_len 更长的答案"},
            long_answer,
            max_answer_len=int(rng.integers(2, 5)),
            n_best=2,
        )
    )
    chinese, _, _ = _logits(rng, *CHINESE)
    cases.append(
        _spans(
            {"en": "a Chinese context, one token per character", "zh": "中文上下文，每字一个词元"}, chinese, n_best=2
        )
    )
    no_answer, _, _ = _logits(rng, *TEXTS[order[3]], peak=2.0)
    no_answer.start_logits[0] = no_answer.start_logits.max() + 3.0
    no_answer.end_logits[0] = no_answer.end_logits.max() + 3.0
    cases.append(
        _spans(
            {"en": "no answer allowed, and [CLS] wins", "zh": "允许无答案，且 [CLS] 胜出"},
            no_answer,
            allow_impossible=True,
            n_best=3,
        )
    )
    span_wins, _, _ = _logits(rng, *TEXTS[order[3]], peak=5.0)
    cases += [
        _spans(
            {"en": "no answer allowed, but a span wins", "zh": "允许无答案，但某个片段胜出"},
            span_wins,
            allow_impossible=True,
            n_best=2,
        ),
        _spans(
            {"en": "logits of different lengths raise ValueError", "zh": "长度不同的 logits 抛出 ValueError"},
            span_wins._replace(end_logits=span_wins.end_logits[:-1]),
        ),
        _spans({"en": "n_best = 0 raises ValueError", "zh": "n_best = 0 抛出 ValueError"}, span_wins, n_best=0),
    ]
    return with_hints(cases, HINTS)
