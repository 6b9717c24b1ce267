# Mistake: tags greedily, word by word (the best tag given the previous choice): a locally likely tag can make the rest of the sentence improbable.
import math


def _log(p):
    return math.log(p) if p > 0 else -math.inf


def viterbi(words, tags, start, transition, emission):
    if not words:
        return [], 0.0

    def emit(tag, word):
        if all(emission.get(t, {}).get(word, 0.0) <= 0 for t in tags):
            return 0.0
        return _log(emission.get(tag, {}).get(word, 0.0))

    path = [max(tags, key=lambda t: _log(start.get(t, 0.0)) + emit(t, words[0]))]
    total = _log(start.get(path[0], 0.0)) + emit(path[0], words[0])
    for word in words[1:]:
        tag = max(tags, key=lambda t: _log(transition.get(path[-1], {}).get(t, 0.0)) + emit(t, word))
        total += _log(transition.get(path[-1], {}).get(tag, 0.0)) + emit(tag, word)
        path.append(tag)
    if total == -math.inf:
        raise ValueError("impossible")
    return path, total
