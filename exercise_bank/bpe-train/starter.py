def bpe_train(
    word_counts: dict[str, int], vocab_size: int, min_frequency: int = 2
) -> tuple[list[str], list[tuple[str, str]]]:
    """Learn BPE merges from a word-frequency table; return (vocabulary, merges).

    vocabulary: the characters sorted by code point, then each new token in the order it was created.
    merges: every merge as a pair (left, right), in the order learned. Ties: the smallest (id(left), id(right)).
    """
    raise NotImplementedError


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split `word` into characters, then repeatedly merge every occurrence of the adjacent pair that comes
    earliest in `merges`, until no adjacent pair is in `merges`."""
    raise NotImplementedError
