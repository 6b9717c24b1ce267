"""Cases for ngram-perplexity: Jurafsky & Martin's "I am Sam" corpus shown; other k, unigrams, trigrams, unknown
words, min_count, unseen contexts, the continuation-count effect, empty sentences and every bad input hidden; random
Markov-chain corpora for both smoothings."""

import numpy as np

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker

SAM = [s.split() for s in ["I am Sam", "Sam I am", "I do not like green eggs and ham"]]
SAM_TEST = [["I", "like", "green", "ham"]]
FRANCISCO = [s.split() for s in ["I live in San Francisco", "San Francisco is foggy", "I wear my glasses",
    "my glasses are new", "I lost my reading glasses", "we met in San Francisco", "new glasses cost money"]]  # fmt: skip
WORDS = [
    "the", "a", "cat", "dog", "sat", "ran", "on", "mat", "rug", "and", "big", "small", "模型", "语言", "预测", "词"
]  # fmt: skip
TOL = {"rtol": 1e-9, "atol": 1e-12}
PADDING = {
    "en": "pad each sentence with n-1 <s> in front and ONE </s> at the end; every word and the </s> are predicted",
    "zh": "每个句子前面补 n-1 个 <s>，末尾补一个 </s>；每个词和 </s> 都要被预测",
}
VOCAB = {
    "en": "|V| = the words seen at least min_count times, plus </s> and <UNK> (not <s>)",
    "zh": "|V| = 出现次数不少于 min_count 的词，再加上 </s> 和 <UNK>（不含 <s>）",
}
UNKNOWN = {
    "en": "a word outside the vocabulary (in training or test, in the context or predicted) is replaced by <UNK>",
    "zh": "不在词表中的词（无论在训练还是测试中、在上下文还是被预测位置）都替换为 <UNK>",
}
KN = {
    "en": "Kneser-Ney: ordinary counts at the highest order, continuation counts below it, and the lowest level "
    "interpolated with 1/|V|",
    "zh": "Kneser-Ney：最高阶用普通计数，低阶用延续计数，最低一层再与 1/|V| 插值",
}
BACKOFF = {
    "en": "Kneser-Ney: a context never seen in training gives all its mass to the shorter context",
    "zh": "Kneser-Ney：训练中没见过的上下文把全部概率交给更短的上下文",
}


_prob = case_maker("ngram_prob", **TOL)
_ppl = case_maker("perplexity", **TOL)


def _markov_corpus(rng, n_sentences, words):
    """Sentences from a sparse random bigram chain, so that n-grams repeat as in real text."""
    size = len(words)
    follow = [rng.choice(size, size=int(rng.integers(2, 5)), replace=False) for _ in range(size + 1)]
    sentences = []
    for _ in range(n_sentences):
        state, sentence = size, []
        for _ in range(int(rng.integers(0, 9))):
            state = int(rng.choice(follow[state]))
            sentence.append(words[state])
        sentences.append(sentence)
    return sentences


def make_cases(rng):
    shown = [
        ({"en": "example: add-one P(I | <s>)", "zh": "示例：加一平滑 P(I | <s>)"}, _prob, (SAM, 2, ["<s>"], "I"), {}),
        ({"en": "example: Kneser-Ney P(I | <s>)", "zh": "示例：Kneser-Ney P(I | <s>)"}, _prob, (SAM, 2, ["<s>"], "I"), {"smoothing": "kneser-ney"}),
        ({"en": "example: Kneser-Ney, an unknown word after like", "zh": "示例：Kneser-Ney，like 之后的未知词"}, _prob, (SAM, 2, ["like"], "spam"), {"smoothing": "kneser-ney"}),
        ({"en": "example: add-one perplexity", "zh": "示例：加一平滑的困惑度"}, _ppl, (SAM, SAM_TEST, 2), {}),
        ({"en": "example: Kneser-Ney perplexity", "zh": "示例：Kneser-Ney 的困惑度"}, _ppl, (SAM, SAM_TEST, 2), {"smoothing": "kneser-ney"}),
    ]  # fmt: skip
    hidden = [
        ({"en": "add-k with k = 0.1", "zh": "k = 0.1 的加 k 平滑"}, _prob, (SAM, 2, ["I"], "am"), {"k": 0.1, "hint": VOCAB}),
        ({"en": "the end of a sentence", "zh": "句子结束"}, _prob, (SAM, 2, ["Sam"], "</s>"), {"k": 0.5, "hint": PADDING}),
        ({"en": "a unigram model", "zh": "一元模型"}, _ppl, (SAM, SAM_TEST, 1), {"k": 0.5, "hint": PADDING}),
        ({"en": "a trigram model", "zh": "三元模型"}, _ppl, (SAM, [["Sam", "I", "do", "not", "like", "ham"]], 3), {"k": 0.2, "hint": PADDING}),
        ({"en": "unknown test words", "zh": "测试集中的未知词"}, _ppl, (SAM, [["I", "am", "Pam"], ["you", "like", "green", "eggs"]], 2), {"hint": UNKNOWN}),
        ({"en": "min_count = 2 makes rare words <UNK>", "zh": "min_count = 2 把罕见词变成 <UNK>"}, _ppl, (SAM, [["I", "like", "green", "eggs"]], 2), {"min_count": 2, "hint": UNKNOWN}),
        ({"en": "an unknown word in the context", "zh": "上下文中的未知词"}, _prob, (SAM, 3, ["Pam", "green"], "ham"), {"min_count": 2, "smoothing": "kneser-ney", "hint": UNKNOWN}),
        ({"en": "an empty test sentence", "zh": "空的测试句子"}, _ppl, (SAM, [[], ["Sam", "I", "am"]], 2), {"smoothing": "kneser-ney", "hint": PADDING}),
        ({"en": "an empty training sentence", "zh": "空的训练句子"}, _ppl, ([*SAM, []], SAM_TEST, 2), {"k": 0.3, "hint": PADDING}),
        ({"en": "Kneser-Ney: an unseen trigram context", "zh": "Kneser-Ney：没见过的三元上下文"}, _prob, (SAM, 3, ["green", "ham"], "I"), {"smoothing": "kneser-ney", "hint": BACKOFF}),
        ({"en": "Kneser-Ney: continuation counts (Francisco)", "zh": "Kneser-Ney：延续计数（Francisco）"}, _prob, (FRANCISCO, 2, ["reading"], "Francisco"), {"smoothing": "kneser-ney", "hint": KN}),
        ({"en": "Kneser-Ney: continuation counts (glasses)", "zh": "Kneser-Ney：延续计数（glasses）"}, _prob, (FRANCISCO, 3, ["my", "new"], "glasses"), {"smoothing": "kneser-ney", "discount": 0.5, "hint": KN}),
        ({"en": "Kneser-Ney with discount 1", "zh": "discount 为 1 的 Kneser-Ney"}, _ppl, (FRANCISCO, [["I", "live", "in", "my", "glasses"], ["San", "Francisco", "cost", "money"]], 3), {"smoothing": "kneser-ney", "discount": 1.0, "hint": KN}),
    ]  # fmt: skip
    bad = [
        ({"en": "n = 0", "zh": "n = 0"}, _ppl, (SAM, SAM_TEST, 0), {}),
        ({"en": "an unknown smoothing", "zh": "未知的平滑方法"}, _ppl, (SAM, SAM_TEST, 2), {"smoothing": "laplace"}),
        ({"en": "k = 0", "zh": "k = 0"}, _ppl, (SAM, SAM_TEST, 2), {"k": 0.0}),
        ({"en": "discount = 0", "zh": "discount = 0"}, _ppl, (SAM, SAM_TEST, 2), {"smoothing": "kneser-ney", "discount": 0.0}),
        ({"en": "discount above 1", "zh": "discount 大于 1"}, _ppl, (SAM, SAM_TEST, 3), {"smoothing": "kneser-ney", "discount": 1.5}),
        ({"en": "Kneser-Ney with n = 1", "zh": "n = 1 的 Kneser-Ney"}, _ppl, (SAM, SAM_TEST, 1), {"smoothing": "kneser-ney"}),
        ({"en": "an empty training corpus", "zh": "空的训练语料"}, _ppl, ([], SAM_TEST, 2), {}),
        ({"en": "an empty test text", "zh": "空的测试文本"}, _ppl, (SAM, [], 2), {}),
        ({"en": "a reserved token in training", "zh": "训练语料中有保留词元"}, _ppl, ([["<s>", "I", "am"]], SAM_TEST, 2), {}),
        ({"en": "a context of the wrong length", "zh": "上下文长度不对"}, _prob, (SAM, 3, ["am"], "Sam"), {}),
    ]  # fmt: skip
    cases = [make(name, *args, visible=True, **kwargs) for name, make, args, kwargs in shown]
    cases += [make(name, *args, **kwargs) for name, make, args, kwargs in hidden]
    cases += [make(name, *args, hint=RAISE_VALUE_ERROR, **kwargs) for name, make, args, kwargs in bad]

    for i in range(4):
        words = [WORDS[j] for j in rng.choice(len(WORDS), size=int(rng.integers(5, len(WORDS))), replace=False)]
        train = _markov_corpus(rng, int(rng.integers(10, 40)), words)
        test = _markov_corpus(rng, int(rng.integers(2, 6)), [*words, "unseen"])
        n = int(rng.integers(2, 5))
        smoothing = "add-k" if i % 2 == 0 else "kneser-ney"
        kwargs = {"smoothing": smoothing, "min_count": int(rng.integers(1, 3))}
        if smoothing == "add-k":
            kwargs["k"] = float(np.round(rng.uniform(0.01, 1.5), 3))
        else:
            kwargs["discount"] = float(np.round(rng.uniform(0.1, 1.0), 3))
        hint = KN if smoothing == "kneser-ney" else VOCAB
        name = {"en": f"random corpus {i + 1}: perplexity", "zh": f"随机语料 {i + 1}：困惑度"}
        cases.append(_ppl(name, train, test, n, hint=hint, **kwargs))
        sentence = test[int(rng.integers(len(test)))]
        padded = ["<s>"] * (n - 1) + sentence + ["</s>"]
        position = int(rng.integers(n - 1, len(padded)))
        context, word = padded[position - n + 1 : position], padded[position]
        name = {"en": f"random corpus {i + 1}: one probability", "zh": f"随机语料 {i + 1}：一个概率"}
        cases.append(_prob(name, train, n, context, word, hint=hint, **kwargs))
    return cases
