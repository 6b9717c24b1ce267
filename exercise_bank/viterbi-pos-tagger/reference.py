import math


def _log(p: float) -> float:
    return math.log(p) if p > 0 else -math.inf


def viterbi(
    words: list[str],
    tags: list[str],
    start: dict[str, float],
    transition: dict[str, dict[str, float]],
    emission: dict[str, dict[str, float]],
) -> tuple[list[str], float]:
    """The most probable tag sequence of an HMM for `words`, and its natural-log probability."""
    if not words:
        return [], 0.0

    def emit(tag: str, word: str) -> float:
        # A word no tag can emit is unknown: it carries no evidence, so every tag emits it with probability 1.
        if all(emission.get(t, {}).get(word, 0.0) <= 0 for t in tags):
            return 0.0
        return _log(emission.get(tag, {}).get(word, 0.0))

    def move(a: str, b: str) -> float:
        return _log(transition.get(a, {}).get(b, 0.0))

    # best[t] = log probability of the best path ending in tag t at the current word; logs do not underflow.
    best = [_log(start.get(t, 0.0)) + emit(t, words[0]) for t in tags]
    back: list[list[int]] = []
    for word in words[1:]:
        pointers, scores = [], []
        for j, tag in enumerate(tags):
            # max() keeps the first of equal candidates: ties go to the earlier tag in `tags`.
            i = max(range(len(tags)), key=lambda i: best[i] + move(tags[i], tag))
            pointers.append(i)
            scores.append(best[i] + move(tags[i], tag) + emit(tag, word))
        back.append(pointers)
        best = scores
    last = max(range(len(tags)), key=lambda i: best[i])
    if best[last] == -math.inf:
        raise ValueError("no tag sequence has a non-zero probability")
    path = [last]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return [tags[i] for i in reversed(path)], best[last]
