import math

import numpy as np
from nltk.probability import DictionaryConditionalProbDist, DictionaryProbDist, LidstoneProbDist
from nltk.tag.hmm import HiddenMarkovModelTagger, HiddenMarkovModelTrainer

LN2 = math.log(2.0)
UNSEEN = object()  # a symbol no sentence contains: the probability of an unknown word


def _trained(tagged_sentences, alpha):
    if not alpha > 0 or not tagged_sentences or not any(tagged_sentences):
        raise ValueError("alpha must be positive and there must be tagged words")
    tags = sorted({t for s in tagged_sentences for _, t in s})
    words = sorted({w for s in tagged_sentences for w, _ in s})
    # States and symbols given up front, sorted, so nltk's state order (and so its tie order) is the statement's.
    trainer = HiddenMarkovModelTrainer(states=list(tags), symbols=list(words))
    hmm = trainer.train_supervised(
        [list(s) for s in tagged_sentences if s], estimator=lambda fd, bins: LidstoneProbDist(fd, alpha, bins)
    )
    return tags, words, hmm


def train_hmm(tagged_sentences, alpha=1.0):
    tags, words, hmm = _trained(tagged_sentences, alpha)
    # nltk's logprob() is base 2; the statement's logarithms are natural.
    log_start = np.array([hmm._priors.logprob(t) for t in tags]) * LN2
    log_trans = np.array([[hmm._transitions[a].logprob(b) for b in tags] for a in tags]) * LN2
    log_emit = np.array([[hmm._outputs[t].logprob(w) for w in [*words, UNSEEN]] for t in tags]) * LN2
    return tags, words, log_start, log_trans, log_emit


def viterbi(observations, log_start, log_trans, log_emit):
    log_start, log_trans, log_emit = (np.asarray(a, dtype=np.float64) for a in (log_start, log_trans, log_emit))
    n = log_start.shape[0]
    if log_start.ndim != 1 or log_trans.shape != (n, n) or log_emit.ndim != 2 or log_emit.shape[0] != n:
        raise ValueError("bad shapes")
    if any(not 0 <= o < log_emit.shape[1] for o in observations):
        raise ValueError("bad observation")
    if len(observations) == 0:
        return [], 0.0
    # State names, not indices: nltk's log_probability treats a falsy first tag (state 0) as "no tags given".
    states, symbols = [f"s{i}" for i in range(n)], list(range(log_emit.shape[1]))
    # The given log-scores are handed to nltk as its "log" values: Viterbi only adds and compares them, so the
    # base does not matter, and best_path_simple (float64, strict > so the first state wins a tie) is used
    # rather than the float32 best_path.
    hmm = HiddenMarkovModelTagger(
        symbols,
        states,
        DictionaryConditionalProbDist(
            {
                a: DictionaryProbDist({b: log_trans[i, j] for j, b in enumerate(states)}, log=True)
                for i, a in enumerate(states)
            }
        ),
        DictionaryConditionalProbDist(
            {a: DictionaryProbDist({o: log_emit[i, o] for o in symbols}, log=True) for i, a in enumerate(states)}
        ),
        DictionaryProbDist({a: log_start[i] for i, a in enumerate(states)}, log=True),
    )
    path = hmm.best_path_simple(list(observations))
    score = hmm.log_probability(list(zip(observations, path)))
    if score == -math.inf:
        raise ValueError("every state path has probability 0")
    return [states.index(s) for s in path], float(score)


def tag(tagged_sentences, sentence, alpha=1.0):
    _, _, hmm = _trained(tagged_sentences, alpha)
    return list(hmm.best_path_simple(list(sentence))) if sentence else []
