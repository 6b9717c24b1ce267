# Mistake: does not normalise again after case folding, so ǰ or ΐ come out decomposed.
import unicodedata


def normalize(text, strip_accents=False):
    """Compatibility-normalised, case-folded text with single spaces."""
    text = unicodedata.normalize("NFKC", text)
    # Case folding can produce a sequence that is not normalised (ǰ, ΐ): normalise again.
    text = text.casefold()
    if strip_accents:
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    kept = []
    for c in text:
        category = unicodedata.category(c)
        if category == "Cf" or (category == "Cc" and not c.isspace()):
            continue
        kept.append(c)
    return " ".join("".join(kept).split())


def s_stem(word):
    """Harman's S-stemmer as Lucene's EnglishMinimalStemmer writes it: plurals only, exceptions left alone."""
    if len(word) < 3 or not word.endswith("s") or word.endswith(("us", "ss")):
        return word
    if word.endswith("ies") and len(word) > 3 and word[-4] not in "ae":
        return word[:-3] + "y"
    if word.endswith(("ies", "aes", "ees", "oes")):
        return word
    return word[:-1]


def _tokens(text):
    tokens, current = [], []
    for c in text:
        if c.isalnum():
            current.append(c)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def _ascii_word(token):
    return token.isascii() and token.isalpha()


def preprocess(text, stop_words):
    """Normalised alphanumeric tokens without stop words, English plurals reduced by the S-stemmer."""
    stop = {normalize(word) for word in stop_words}
    kept = [token for token in _tokens(normalize(text)) if token not in stop]
    return [s_stem(token) if _ascii_word(token) else token for token in kept]
