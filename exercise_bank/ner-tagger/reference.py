"""A BIO tagger: an averaged structured perceptron over hand-made token features, decoded with Viterbi."""

import random
import re
from collections import defaultdict

CJK = re.compile(r"[\u4e00-\u9fff]")
START = "<s>"
EPOCHS = 10
FORBIDDEN = -1e9  # an I-X that does not continue an X entity is never chosen


def shape(token: str) -> str:
    """'Lovelace' -> 'Xx', 'GPT-4' -> 'XX-d', '2016' -> 'dd': capitalisation and digits, runs shortened."""
    s = re.sub(r"[A-Z]", "X", token)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"[0-9]", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def _at(tokens: list[str], j: int) -> str:
    return tokens[j].lower() if 0 <= j < len(tokens) else "<pad>"


def token_features(tokens: list[str], i: int, chinese: bool) -> list[str]:
    token = tokens[i]
    features = ["bias", "w=" + token.lower(), "shape=" + shape(token)]
    for k in (1, 2, 3):
        features += [f"suffix{k}=" + token[-k:].lower(), f"prefix{k}=" + token[:k].lower()]
    for d in (-2, -1, 1, 2):
        features.append(f"w{d}=" + _at(tokens, i + d))
        features.append(f"shape{d}=" + (shape(tokens[i + d]) if 0 <= i + d < len(tokens) else "<pad>"))
    for a, b in ((-1, 0), (0, 1), (-2, -1), (1, 2), (-1, 1)):
        features.append(f"pair{a}{b}=" + _at(tokens, i + a) + "|" + _at(tokens, i + b))
    for a in (-2, -1, 0):
        features.append(f"triple{a}=" + "".join(_at(tokens, i + a + k) for k in range(3)))
    if chinese:
        # One character says little; the two-character words a few places ahead or behind ("大学", "公司",
        # "先生", "位于") tell whether this character opens, continues or follows a name.
        for d in range(1, 6):
            features.append("ahead=" + _at(tokens, i + d) + _at(tokens, i + d + 1))
            features.append("behind=" + _at(tokens, i - d - 1) + _at(tokens, i - d))
    return features


def sentence_features(tokens: list[str]) -> list[list[str]]:
    chinese = any(CJK.match(t) for t in tokens)
    return [token_features(tokens, i, chinese) for i in range(len(tokens))]


def viterbi(features: list[list[str]], tags: list[str], weights: dict, transitions: dict) -> list[str]:
    """The highest-scoring tag sequence under emission weights and tag-to-tag transition weights."""
    emissions = [{t: sum(weights.get((f, t), 0.0) for f in fs) for t in tags} for fs in features]

    def step(previous: str, tag: str) -> float:
        allowed = not tag.startswith("I-") or previous[2:] == tag[2:]
        return transitions.get((previous, tag), 0.0) + (0.0 if allowed else FORBIDDEN)

    best = [{t: (emissions[0][t] + step(START, t), START) for t in tags}]
    for i in range(1, len(features)):
        row = {}
        for t in tags:
            previous = max(tags, key=lambda p: best[-1][p][0] + step(p, t))
            row[t] = (best[-1][previous][0] + step(previous, t) + emissions[i][t], previous)
        best.append(row)
    tag = max(tags, key=lambda t: best[-1][t][0])
    path = [tag]
    for i in range(len(features) - 1, 0, -1):
        tag = best[i][tag][1]
        path.append(tag)
    return path[::-1]


class Perceptron:
    """Averaged structured perceptron: on a wrong sentence, reward the gold path's features and punish the guess's."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags
        self.weights: dict = defaultdict(float)
        self.transitions: dict = defaultdict(float)
        # Running sums of every update times its step, for averaging (Daume's trick).
        self._weight_sums: dict = defaultdict(float)
        self._transition_sums: dict = defaultdict(float)
        self._step = 1

    def _update(self, table: dict, sums: dict, key: tuple, delta: float) -> None:
        table[key] += delta
        sums[key] += self._step * delta

    def train(self, data: list[tuple[list[list[str]], list[str]]], epochs: int) -> None:
        order = random.Random(0)
        for _ in range(epochs):
            order.shuffle(data)
            for features, gold in data:
                guess = viterbi(features, self.tags, self.weights, self.transitions)
                if guess != gold:
                    for fs, g, p in zip(features, gold, guess):
                        if g != p:
                            for f in fs:
                                self._update(self.weights, self._weight_sums, (f, g), 1.0)
                                self._update(self.weights, self._weight_sums, (f, p), -1.0)
                    for a, b in zip([START, *gold[:-1]], gold):
                        self._update(self.transitions, self._transition_sums, (a, b), 1.0)
                    for a, b in zip([START, *guess[:-1]], guess):
                        self._update(self.transitions, self._transition_sums, (a, b), -1.0)
                self._step += 1
        self.weights = {k: v - self._weight_sums[k] / self._step for k, v in self.weights.items()}
        self.transitions = {k: v - self._transition_sums[k] / self._step for k, v in self.transitions.items()}

    def predict(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        return viterbi(sentence_features(tokens), self.tags, self.weights, self.transitions)


def fit_predict(X_train: list[list[str]], y_train: list[list[str]], X_test: list[list[str]]) -> list[list[str]]:
    """Learn BIO tags (PER, ORG, LOC) from tokenised English and Chinese sentences; tag every test sentence."""
    tags = sorted({tag for sentence in y_train for tag in sentence})
    data = [(sentence_features(tokens), list(gold)) for tokens, gold in zip(X_train, y_train) if tokens]
    model = Perceptron(tags)
    model.train(data, EPOCHS)
    return [model.predict(tokens) for tokens in X_test]
