# Mistake: treats y as a vowel everywhere, so measures and the *v* and *o conditions come out wrong for words with y.
"""The Porter stemmer as published (M.F. Porter, "An algorithm for suffix stripping", 1980), for lowercase words."""

VOWELS = "aeiou"

STEP2 = [
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
]  # fmt: skip
STEP3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
STEP4 = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize",
]  # fmt: skip


def is_consonant(word: str, i: int) -> bool:
    """Not a vowel; y is a consonant at the start or after a vowel, a vowel after a consonant."""
    return word[i] not in VOWELS + "y"


def measure(stem: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel-to-consonant changes."""
    kinds = "".join("c" if is_consonant(stem, i) else "v" for i in range(len(stem)))
    return kinds.count("vc")


def has_vowel(stem: str) -> bool:
    return any(not is_consonant(stem, i) for i in range(len(stem)))


def ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and is_consonant(word, len(word) - 1)


def ends_cvc(word: str) -> bool:
    """*o: consonant-vowel-consonant at the end, the last consonant not w, x or y (hop, wil)."""
    n = len(word)
    return (
        n >= 3
        and is_consonant(word, n - 3)
        and not is_consonant(word, n - 2)
        and is_consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


def _first_suffix(word: str, rules: list, condition) -> str:
    # Only the first listed suffix that the word ends with is considered; if its condition fails, nothing changes.
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if condition(stem) else word
    return word


def step1ab(word: str) -> str:
    for suffix, replacement in (("sses", "ss"), ("ies", "i"), ("ss", "ss"), ("s", "")):
        if word.endswith(suffix):
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("eed"):
        return word[:-1] if measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and has_vowel(word[: -len(suffix)]):
            return _tidy_after_1b(word[: -len(suffix)])
    return word


def _tidy_after_1b(stem: str) -> str:
    if stem.endswith(("at", "bl", "iz")):
        return stem + "e"
    if ends_double_consonant(stem):
        return stem if stem[-1] in "lsz" else stem[:-1]
    if measure(stem) == 1 and ends_cvc(stem):
        return stem + "e"
    return stem


def porter_stem(word: str) -> str:
    """The stem of a lowercase English word by the original Porter algorithm (steps 1a to 5b)."""
    word = step1ab(word)
    if word.endswith("y") and has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _first_suffix(word, STEP2, lambda stem: measure(stem) > 0)
    word = _first_suffix(word, STEP3, lambda stem: measure(stem) > 0)
    word = _first_suffix(
        word,
        [(suffix, "") for suffix in STEP4],
        lambda stem: measure(stem) > 1 and (stem.endswith(("s", "t")) if word.endswith("ion") else True),
    )
    if word.endswith("e"):
        stem = word[:-1]
        if measure(stem) > 1 or (measure(stem) == 1 and not ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and measure(word[:-1]) > 1:
        word = word[:-1]
    return word
