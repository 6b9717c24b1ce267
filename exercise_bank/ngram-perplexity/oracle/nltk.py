import math
from collections import Counter

from nltk.lm import KneserNeyInterpolated, Lidstone, Vocabulary

BOS, EOS, UNK = "<s>", "</s>", "<UNK>"


def _validate(train, n, smoothing, k, discount, min_count):
    # The statement's input rules (nltk accepts most of these silently).
    if not isinstance(n, int) or n < 1 or smoothing not in ("add-k", "kneser-ney"):
        raise ValueError("bad n or smoothing")
    if smoothing == "add-k" and not k > 0:
        raise ValueError("bad k")
    if smoothing == "kneser-ney" and (n < 2 or not 0 < discount <= 1):
        raise ValueError("bad discount or n")
    if not isinstance(min_count, int) or min_count < 1 or not train:
        raise ValueError("bad min_count or empty corpus")
    if any(token in (BOS, EOS, UNK) for sentence in train for token in sentence):
        raise ValueError("reserved token")


def _padded(vocab, sentence, n):
    return [BOS] * (n - 1) + list(vocab.lookup(sentence)) + [EOS]


def _fit(train, n, smoothing, k, discount, min_count):
    _validate(train, n, smoothing, k, discount, min_count)
    # The vocabulary: the words seen min_count times, </s>, and nltk's own <UNK> label (len() counts it).
    frequency = Counter(token for sentence in train for token in sentence)
    frequency[EOS] = min_count
    vocab = Vocabulary(frequency, unk_cutoff=min_count)
    if smoothing == "add-k":
        model = Lidstone(k, n, vocabulary=vocab)
    else:
        model = KneserNeyInterpolated(n, discount=discount, vocabulary=vocab)
    # nltk's padding (pad_both_ends) puts n-1 </s> at the end and would map <s> to <UNK> (it is not in this
    # vocabulary): the statement's n-grams are counted into nltk's NgramCounter directly instead.
    grams = []
    for sentence in train:
        padded = _padded(vocab, sentence, n)
        grams.append([tuple(padded[i - j + 1 : i + 1]) for i in range(n - 1, len(padded)) for j in range(1, n + 1)])
    model.counts.update(grams)
    return model, vocab


def _score(model, vocab, n, word, context, smoothing, discount):
    if smoothing == "add-k":
        return model.unmasked_score(word, context)
    return _kneser_ney(model, vocab, word, context, discount, n)


def _kneser_ney(model, vocab, word, context, discount, n):
    """nltk's interpolated recursion (alpha_gamma at every order with a context), with one difference bridged:
    nltk ends on the plain continuation probability N1+(. w) / N1+(. .), which gives an unseen word (<UNK>)
    zero; the statement (Jurafsky & Martin) discounts that level too and interpolates it with 1/|V|."""
    if not context:
        estimator = model.estimator
        continuation, total = estimator._continuation_counts(word)
        types = sum(1 for w in model.counts.unigrams if estimator._continuation_counts(w)[0] > 0)
        return max(continuation - discount, 0.0) / total + discount * types / total / len(vocab)
    if not model.counts[context]:
        return _kneser_ney(model, vocab, word, context[1:], discount, n)
    alpha, gamma = model.estimator.alpha_gamma(word, context)
    return alpha + gamma * _kneser_ney(model, vocab, word, context[1:], discount, n)


def ngram_prob(train, n, context, word, smoothing="add-k", k=1.0, discount=0.75, min_count=1):
    model, vocab = _fit(train, n, smoothing, k, discount, min_count)
    if len(context) != n - 1 or word in (BOS, UNK) or EOS in context or UNK in context:
        raise ValueError("bad context or word")
    context = tuple(token if token == BOS else vocab.lookup(token) for token in context)
    word = word if word == EOS else vocab.lookup(word)
    return _score(model, vocab, n, word, context, smoothing, discount)


def perplexity(train, test, n, smoothing="add-k", k=1.0, discount=0.75, min_count=1):
    model, vocab = _fit(train, n, smoothing, k, discount, min_count)
    if not test or any(token in (BOS, EOS, UNK) for sentence in test for token in sentence):
        raise ValueError("empty test text or reserved token")
    scores = []
    for sentence in test:
        padded = _padded(vocab, sentence, n)
        for i in range(n - 1, len(padded)):
            scores.append(_score(model, vocab, n, padded[i], tuple(padded[i - n + 1 : i]), smoothing, discount))
    # nltk's own perplexity() is 2 ** the mean of -log2(score); the same number, written with e.
    return math.exp(-sum(math.log(s) for s in scores) / len(scores))
