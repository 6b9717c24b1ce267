# Mistake: ends Kneser-Ney on the plain continuation probability (no discount, no 1/|V| share), as nltk does: an unseen word gets probability 0.
import math
from collections import Counter

BOS, EOS, UNK = "<s>", "</s>", "<UNK>"
SMOOTHINGS = ("add-k", "kneser-ney")


def _check_tokens(sentences, what):
    for sentence in sentences:
        for token in sentence:
            if token in (BOS, EOS, UNK):
                raise ValueError(f"{what} contains the reserved token {token!r}")


class _Counts:
    """Every k-gram (k = 1..n) that ends at a predicted token of the padded training sentences."""

    def __init__(self, train, n, min_count):
        frequency = Counter(token for sentence in train for token in sentence)
        self.words = {token for token, count in frequency.items() if count >= min_count}
        self.vocab_size = len(self.words) + 2  # the kept words, </s> and <UNK>; <s> is never predicted
        self.n = n
        self.grams = [Counter() for _ in range(n + 1)]
        for sentence in train:
            padded = [BOS] * (n - 1) + self.map(sentence) + [EOS]
            for i in range(n - 1, len(padded)):
                for k in range(1, n + 1):
                    self.grams[k][tuple(padded[i - k + 1 : i + 1])] += 1
        # Continuation counts: continuation[k][g] is how many distinct tokens precede the k-gram g.
        self.continuation = [Counter() for _ in range(n + 1)]
        for k in range(2, n + 1):
            for gram in self.grams[k]:
                self.continuation[k - 1][gram[1:]] += 1
        self.totals = [self._by_context(table) for table in self.grams]
        self.continuation_totals = [self._by_context(table) for table in self.continuation]

    def map(self, tokens):
        return [token if token in self.words else UNK for token in tokens]

    @staticmethod
    def _by_context(table):
        """context -> (sum of the counts that follow it, number of distinct tokens that follow it)."""
        totals = {}
        for gram, count in table.items():
            total, types = totals.get(gram[:-1], (0, 0))
            totals[gram[:-1]] = (total + count, types + 1)
        return totals


def _add_k(counts, context, word, k):
    total, _ = counts.totals[counts.n].get(context, (0, 0))
    return (counts.grams[counts.n][(*context, word)] + k) / (total + k * counts.vocab_size)


def _kneser_ney(counts, context, word, discount):
    order = len(context) + 1
    if order == counts.n:
        table, totals = counts.grams[order], counts.totals[order]
    else:
        table, totals = counts.continuation[order], counts.continuation_totals[order]
    total, types = totals.get(context, (0, 0))
    lower = 1.0 / counts.vocab_size if order == 1 else None
    if order == 1:
        return table[(*context, word)] / total
    if total == 0:  # an unseen context: all the mass goes to the shorter context
        return _kneser_ney(counts, context[1:], word, discount)
    if lower is None:
        lower = _kneser_ney(counts, context[1:], word, discount)
    return max(table[(*context, word)] - discount, 0.0) / total + discount * types / total * lower


def _model(train, n, smoothing, k, discount, min_count):
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if smoothing not in SMOOTHINGS:
        raise ValueError(f"smoothing must be one of {SMOOTHINGS}, got {smoothing!r}")
    if smoothing == "add-k" and not k > 0:
        raise ValueError(f"k must be positive, got {k!r}")
    if smoothing == "kneser-ney" and (n < 2 or not 0 < discount <= 1):
        raise ValueError("Kneser-Ney needs n >= 2 and 0 < discount <= 1")
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if not train:
        raise ValueError("the training corpus is empty")
    _check_tokens(train, "the training corpus")
    counts = _Counts(train, n, min_count)

    def prob(context, word):
        if smoothing == "add-k":
            return _add_k(counts, context, word, k)
        return _kneser_ney(counts, context, word, discount)

    return counts, prob


def ngram_prob(train, n, context, word, smoothing="add-k", k=1.0, discount=0.75, min_count=1):
    """P(word | the n-1 tokens of context) under the smoothed model trained on `train`."""
    counts, prob = _model(train, n, smoothing, k, discount, min_count)
    if len(context) != n - 1:
        raise ValueError(f"the context must hold n - 1 = {n - 1} tokens, got {len(context)}")
    if word in (BOS, UNK) or EOS in context or UNK in context:
        raise ValueError("<s> is never predicted, </s> never precedes a token, <UNK> is not an input")
    mapped_context = tuple(token if token == BOS else counts.map([token])[0] for token in context)
    mapped_word = word if word == EOS else counts.map([word])[0]
    return prob(mapped_context, mapped_word)


def perplexity(train, test, n, smoothing="add-k", k=1.0, discount=0.75, min_count=1):
    """exp of the mean negative log-probability of every token of `test`, </s> included."""
    counts, prob = _model(train, n, smoothing, k, discount, min_count)
    if not test:
        raise ValueError("the test text is empty")
    _check_tokens(test, "the test text")
    log_prob, predicted = 0.0, 0
    for sentence in test:
        padded = [BOS] * (n - 1) + counts.map(sentence) + [EOS]
        for i in range(n - 1, len(padded)):
            log_prob += math.log(prob(tuple(padded[i - n + 1 : i]), padded[i]))
            predicted += 1
    return math.exp(-log_prob / predicted)
