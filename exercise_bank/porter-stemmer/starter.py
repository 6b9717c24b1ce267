def porter_stem(word: str) -> str:
    """Return the stem of a lowercase English word by the original Porter algorithm (steps 1a, 1b, 1c, 2, 3, 4, 5a, 5b).

    For example caresses -> caress, ponies -> poni, hopping -> hop, relational -> relat.
    """
    raise NotImplementedError
