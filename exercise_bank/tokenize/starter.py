def tokenize(text: str) -> list[str]:
    """Lowercase `text` and split it into tokens by the rules of the statement:

    words (letters, with apostrophes between two letters kept inside), runs of digits,
    single CJK characters and single punctuation/symbol characters; whitespace is dropped.
    """
    raise NotImplementedError
