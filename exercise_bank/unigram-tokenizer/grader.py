"""Cases for unigram-tokenizer: the Hugging Face course's hug/pug/pun pieces shown (pug is an exact tie);
unknown characters alone and in runs, a vocabulary without single characters, ties on integer scores, Chinese
pieces, a text long enough that probabilities underflow, bad input, and random vocabularies hidden."""

import math

from gpu_runner.graders.code import case_maker

COURSE = {"h": 15, "u": 36, "g": 20, "hu": 15, "ug": 20, "p": 17, "pu": 17, "n": 16, "un": 16, "b": 4, "bu": 4,
          "s": 5, "hug": 15, "gs": 5, "ugs": 5}  # fmt: skip
COURSE_PIECES = {piece: math.log(count / 210) for piece, count in COURSE.items()}
CHINESE = {"机器": -3.0, "学习": -3.2, "机器学习": -5.0, "深度": -3.5, "深度学习": -6.0, "模型": -3.1, "语言": -3.3,
           "语言模型": -5.5, "大": -4.0, "大模型": -6.5, "机": -6.0, "器": -6.5, "学": -5.5, "习": -6.2, "深": -6.0,
           "度": -6.1, "模": -6.3, "型": -6.4, "语": -6.0, "言": -6.2}  # fmt: skip
TIES = {
    "en": "on equal scores keep the path whose LAST piece starts earliest (process start positions left to right and "
    "replace a node's best only on a strictly higher score)",
    "zh": "得分相等时，保留最后一个片段起点最靠前的路径（从左到右处理起点，只有得分严格更高时才替换）",
}
UNKNOWN = {
    "en": "a character with no one-character piece is an unknown node scoring min(scores) - 10; adjacent unknown "
    "nodes are returned as one token, but each counts in the score",
    "zh": "没有单字符片段的字符是一个未知节点，得分为 min(scores) - 10；相邻的未知节点合并成一个词元返回，但得分要逐个计入",
}
FORWARD = {
    "en": "the log-likelihood SUMS over all segmentations (log-sum-exp), in log space",
    "zh": "对数似然要对所有切分求和（log-sum-exp），并且在对数空间中计算",
}
TOL = {"rtol": 1e-9, "atol": 1e-9}


_tokenize = case_maker("unigram_tokenize", **TOL)
_likelihood = case_maker("unigram_log_likelihood", **TOL)

# (case builder, name, text, pieces)
SHOWN = [
    (_tokenize, {"en": "example: hugs", "zh": "示例：hugs"}, "hugs", COURSE_PIECES),
    (_tokenize, {"en": "example: pug, an exact tie", "zh": "示例：pug，恰好并列"}, "pug", COURSE_PIECES),
    (_tokenize, {"en": "example: mug, m unknown", "zh": "示例：mug，m 未知"}, "mug", COURSE_PIECES),
    (_likelihood, {"en": "example: log-likelihood of pug", "zh": "示例：pug 的对数似然"}, "pug", COURSE_PIECES),
]
# (case builder, name, text, pieces, hint)
SITUATIONS = [
    (_tokenize, {"en": "a run of unknown characters", "zh": "一串未知字符"}, "hxyzug", COURSE_PIECES, UNKNOWN),
    (_tokenize, {"en": "unknown characters around known ones", "zh": "已知字符两侧的未知字符"}, "qhugqqsz", COURSE_PIECES, UNKNOWN),
    (_tokenize, {"en": "no single-character pieces", "zh": "没有单字符片段"}, "abab", {"ab": -1.0, "aba": -1.5, "bab": -1.5}, UNKNOWN),
    (_tokenize, {"en": "a three-way tie", "zh": "三方并列"}, "abc", {"a": -1.0, "b": -1.0, "c": -1.0, "ab": -1.0, "bc": -1.0, "abc": -3.0}, TIES),
    (_tokenize, {"en": "a tie with a longer first piece", "zh": "首片段更长的并列"}, "aaaa", {"a": -1.0, "aa": -2.0, "aaa": -3.0}, TIES),
    (_tokenize, {"en": "Chinese pieces", "zh": "中文片段"}, "深度学习大模型与语言模型", CHINESE, UNKNOWN),
    (_tokenize, {"en": "an empty text", "zh": "空文本"}, "", COURSE_PIECES, {"en": "'' gives ([], 0.0)", "zh": "'' 返回 ([], 0.0)"}),
    (_tokenize, {"en": "an empty piece is ignored", "zh": "忽略空片段"}, "hug", {**COURSE_PIECES, "": 0.0}, {"en": "ignore the empty string among the pieces", "zh": "忽略片段中的空字符串"}),
    (_tokenize, {"en": "no pieces", "zh": "没有片段"}, "hug", {}, {"en": "raise ValueError when there is no piece", "zh": "没有片段时抛出 ValueError"}),
    (_likelihood, {"en": "log-likelihood with unknown characters", "zh": "含未知字符的对数似然"}, "hugx", COURSE_PIECES, FORWARD),
    (_likelihood, {"en": "log-likelihood of an empty text", "zh": "空文本的对数似然"}, "", COURSE_PIECES, FORWARD),
    (_likelihood, {"en": "log-likelihood of Chinese text", "zh": "中文文本的对数似然"}, "机器学习深度学习语言模型", CHINESE, FORWARD),
]  # fmt: skip


def _random_pieces(rng, alphabet, count, integer):
    pieces = {c: -2.0 - len(alphabet) for c in alphabet if rng.random() < 0.75}  # most characters are pieces
    while len(pieces) < count:
        piece = "".join(rng.choice(list(alphabet), size=int(rng.integers(1, 5))))
        pieces[piece] = float(-rng.integers(1, 5)) if integer else float(round(-rng.uniform(0.5, 9.0), 4))
    return pieces


def make_cases(rng):
    cases = [make(name, text, pieces, visible=True) for make, name, text, pieces in SHOWN]
    cases += [make(name, text, pieces, hint=hint) for make, name, text, pieces, hint in SITUATIONS]
    long_text = "".join(rng.choice(["hug", "pug", "pun", "bun", "hugs", "ug"], size=400))
    name = {"en": "a 1,200-character text", "zh": "1200 个字符的文本"}
    cases.append(_tokenize(name, long_text, COURSE_PIECES, hint=TIES))
    name = {"en": "log-likelihood of a long text", "zh": "长文本的对数似然"}
    cases.append(_likelihood(name, long_text, COURSE_PIECES, hint=FORWARD))
    for i in range(4):
        alphabet = "ab" if i < 2 else "abcd"
        pieces = _random_pieces(rng, alphabet, int(rng.integers(3, 12)), integer=i % 2 == 0)
        text = "".join(rng.choice(list(alphabet + "x"), size=int(rng.integers(1, 16))))
        name = {"en": f"random pieces {i + 1}", "zh": f"随机片段 {i + 1}"}
        cases.append(_tokenize(name, text, pieces, hint=TIES if i % 2 == 0 else UNKNOWN))
        name = {"en": f"random pieces {i + 1}: log-likelihood", "zh": f"随机片段 {i + 1}：对数似然"}
        cases.append(_likelihood(name, text, pieces, hint=FORWARD))
    return cases
