def normalize(text: str, strip_accents: bool = False) -> str:
    """NFKC, casefold, NFKC again, (optionally strip accents), drop format and control characters,
    collapse whitespace."""
    raise NotImplementedError


def preprocess(text: str, stop_words: list[str]) -> list[str]:
    """normalize(text), split into runs of alphanumeric characters, drop stop words, then apply the S-stemmer
    to the tokens made of ASCII letters."""
    raise NotImplementedError
