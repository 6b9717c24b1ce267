import itertools
import math

from nltk.probability import DictionaryConditionalProbDist, DictionaryProbDist
from nltk.tag.hmm import HiddenMarkovModelTagger


def viterbi(words, tags, start, transition, emission):
    if not words:
        return [], 0.0
    # The statement's rule for unknown words (every tag emits them with probability 1) is given to NLTK's HMM
    # as emission entries; NLTK itself would give them probability 0 under every tag.
    unknown = {w for w in words if all(emission.get(t, {}).get(w, 0.0) <= 0 for t in tags)}
    outputs = {t: DictionaryProbDist({**emission.get(t, {}), **dict.fromkeys(unknown, 1.0)}) for t in tags}
    hmm = HiddenMarkovModelTagger(
        symbols=sorted({w for t in tags for w in emission.get(t, {})} | set(words)),
        states=list(tags),
        transitions=DictionaryConditionalProbDist({t: DictionaryProbDist(transition.get(t, {})) for t in tags}),
        outputs=DictionaryConditionalProbDist(outputs),
        priors=DictionaryProbDist(start),
    )
    path = hmm.best_path(list(words))
    # NLTK returns the path; its probability, in natural log, comes from the model's own numbers.
    factors = [start.get(path[0], 0.0)]
    factors += [transition.get(a, {}).get(b, 0.0) for a, b in itertools.pairwise(path)]
    factors += [emission.get(tag, {}).get(word, 0.0) for tag, word in zip(path, words) if word not in unknown]
    if min(factors) <= 0:  # a zero on NLTK's best path: no sequence is possible
        raise ValueError("no tag sequence has a non-zero probability")
    return path, sum(math.log(f) for f in factors)
