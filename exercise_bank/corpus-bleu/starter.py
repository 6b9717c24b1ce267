def corpus_bleu(hypotheses: list[str], references: list[list[str]], smooth: str = "exp") -> float:
    """Return the corpus BLEU score (0-100) of `hypotheses`; references[i] lists the reference translations of hypotheses[i].

    Tokens are whitespace-separated (str.split()); n-grams up to 4; smooth is "exp" or "none".
    """
    raise NotImplementedError
