"""Cases for tokenize: the statement's examples, one case per rule, and random mixed EN/ZH texts."""

from gpu_runner.graders.code import Case

WORDS = [
    "The",
    "model",
    "Attention",
    "is",
    "all",
    "you",
    "need",
    "Transformer",
    "learns",
    "context",
    "café",
    "naïve",
    "Über",
    "déjà",
    "vu",
    "ΑΒΓ",
    "Москва",
    "カタカナ",
    "한국어",
]
CONTRACTIONS = ["don't", "It's", "can't", "O'Reilly", "rock'n'roll", "we’re", "isn’t", "l'été"]
CJK_PIECES = ["我", "爱", "自然语言处理", "模型", "注意力机制", "机器学习", "數據", "㐀", "豈"]
NUMBERS = ["2024", "3", "42", "1000000", "０７", "7"]
PUNCTUATION = [
    ",",
    ".",
    "!",
    "?",
    "...",
    "(",
    ")",
    '"',
    "-",
    "—",
    "，",
    "。",
    "！",
    "？",
    "“",
    "”",
    "$",
    "%",
    "@",
    "_",
    "#",
    "😀",
    "'",
    "’",
]
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\n", " \n "]


def _random_text(rng, pieces):
    pools = [WORDS, WORDS, CONTRACTIONS, CJK_PIECES, NUMBERS, PUNCTUATION, PUNCTUATION]
    parts = []
    for _ in range(pieces):
        pool = pools[int(rng.integers(len(pools)))]
        parts.append(str(pool[int(rng.integers(len(pool)))]))
        parts.append(SEPARATORS[int(rng.integers(len(SEPARATORS)))])
    return "".join(parts)


def _case(name, text, *, visible=False, hint=""):
    return Case(name=name, fn="tokenize", args=(text,), visible=visible, hint=hint)


def make_cases(rng):
    cases = [
        _case("punctuation is split off", "Hello, world!", visible=True),
        _case("contractions and numbers", "I don't like 2024's weather.", visible=True),
        _case("Chinese characters one by one", "我爱NLP！", visible=True),
        _case("empty text", "", hint="an empty text has no tokens: return []"),
        _case("only whitespace", " \t\n  ", hint="whitespace separates tokens and is dropped"),
        _case("uppercase is lowercased", "GPT BERT LLM", hint="lowercase the text first"),
        _case(
            "apostrophes at the edges of words",
            "'quoted' rock'n'roll students' 'tis",
            hint="an apostrophe stays inside a word only between two letters",
        ),
        _case(
            "curly apostrophes are kept as written",
            "We’re here, O’Reilly’s book’",
            hint="the apostrophe ’ (U+2019) works like ' and is not replaced",
        ),
        _case(
            "letters and digits do not mix",
            "GPT4 and bert-base-uncased v2 3d",
            hint="a run of digits is its own token, even next to letters",
        ),
        _case("runs of punctuation", "Wait... what?! (yes) -- ok", hint="every punctuation character is one token"),
        _case(
            "CJK text without spaces",
            "自然语言处理是人工智能的一个分支。",
            hint="every CJK character is a token, even though str.isalpha() is true for it",
        ),
        _case(
            "Chinese mixed with English and numbers",
            "GPT-4模型有1750亿个参数，BERT是双向的。",
            hint="every CJK character is a token; digit runs are one token",
        ),
        _case(
            "accented and non-Latin letters",
            "Café NAÏVE Ελληνικά Москва カタカナ 한국어",
            hint="letters are characters with str.isalpha() true that are not CJK",
        ),
        _case(
            "full-width digits and punctuation", "价格：１２３元！", hint="str.isdecimal() digits form one number token"
        ),
        _case(
            "tabs and newlines",
            "line one\tline two\nline three\r\nend",
            hint="tabs and newlines are whitespace (str.isspace())",
        ),
        _case(
            "symbols and emoji", "50% off @home #NLP 😀_ok $5", hint="every symbol, emoji and _ is a token of its own"
        ),
    ]
    for i in range(6):
        cases.append(
            _case(
                f"random mixed text {i + 1}",
                _random_text(rng, int(rng.integers(5, 40))),
                hint="apply all the rules: lowercase, words with inner apostrophes, digit runs, one token per CJK character and per symbol",
            )
        )
    return cases
