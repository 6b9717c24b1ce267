def viterbi(
    words: list[str],
    tags: list[str],
    start: dict[str, float],
    transition: dict[str, dict[str, float]],
    emission: dict[str, dict[str, float]],
) -> tuple[list[str], float]:
    """Return (the most probable tag sequence for `words`, its natural-log probability) under the HMM.

    start[t] = P(first tag is t); transition[a][b] = P(next tag is b | tag a); emission[t][w] = P(word w | tag t).
    Missing entries are 0. A word that no tag emits is unknown: every tag emits it with probability 1.
    Ties go to the tag that comes first in `tags`. Raise ValueError if every sequence has probability 0.
    """
    raise NotImplementedError
