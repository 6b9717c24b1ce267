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


# The Chinese of every case name and hint below, by its English.
ZH = {
    "punctuation is split off": "标点被单独切开",
    "contractions and numbers": "缩写和数字",
    "Chinese characters one by one": "中文逐字切分",
    "empty text": "空文本",
    "an empty text has no tokens: return []": "空文本没有词元：返回 []",
    "only whitespace": "只有空白字符",
    "whitespace separates tokens and is dropped": "空白字符用于分隔词元，本身被丢弃",
    "uppercase is lowercased": "大写转为小写",
    "lowercase the text first": "先把文本转成小写",
    "apostrophes at the edges of words": "位于词边缘的撇号",
    "an apostrophe stays inside a word only between two letters": "只有夹在两个字母之间的撇号才留在词内",
    "curly apostrophes are kept as written": "弯撇号按原样保留",
    "the apostrophe ’ (U+2019) works like ' and is not replaced": "撇号 ’（U+2019）的作用和 ' 相同，且不被替换",
    "letters and digits do not mix": "字母和数字不混在一起",
    "a run of digits is its own token, even next to letters": "连续的数字自成一个词元，即使紧挨着字母",
    "runs of punctuation": "连续的标点",
    "every punctuation character is one token": "每个标点字符都是一个词元",
    "CJK text without spaces": "没有空格的中日韩文本",
    "every CJK character is a token, even though str.isalpha() is true for it": (
        "每个中日韩字符都是一个词元，尽管 str.isalpha() 对它返回 True"
    ),
    "Chinese mixed with English and numbers": "中文夹杂英文和数字",
    "every CJK character is a token; digit runs are one token": "每个中日韩字符是一个词元；连续数字是一个词元",
    "accented and non-Latin letters": "带重音的字母和非拉丁字母",
    "letters are characters with str.isalpha() true that are not CJK": "字母是 str.isalpha() 为 True 且不是中日韩文字的字符",
    "full-width digits and punctuation": "全角数字和标点",
    "str.isdecimal() digits form one number token": "str.isdecimal() 为 True 的数字组成一个数字词元",
    "tabs and newlines": "制表符和换行符",
    "tabs and newlines are whitespace (str.isspace())": "制表符和换行符都是空白字符（str.isspace()）",
    "symbols and emoji": "符号和表情",
    "every symbol, emoji and _ is a token of its own": "每个符号、表情和 _ 都各自是一个词元",
    "apply all the rules: lowercase, words with inner apostrophes, digit runs, one token per CJK character and per symbol": (
        "应用全部规则：转小写、词内撇号、连续数字、每个中日韩字符和每个符号各为一个词元"
    ),
}


def _pair(text):
    return {"en": text, "zh": ZH[text]} if text else ""


def _case(name, text, *, visible=False, hint=""):
    if isinstance(name, str):
        name = _pair(name)
    return Case(name=name, fn="tokenize", args=(text,), visible=visible, hint=_pair(hint))


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
                {"en": f"random mixed text {i + 1}", "zh": f"随机混合文本 {i + 1}"},
                _random_text(rng, int(rng.integers(5, 40))),
                hint="apply all the rules: lowercase, words with inner apostrophes, digit runs, one token per CJK character and per symbol",
            )
        )
    return cases
