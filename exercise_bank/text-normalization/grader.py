"""Cases for text-normalization: the statement's examples shown; compatibility characters, case folding traps,
format and control characters, every kind of whitespace, accent stripping (and what it does to Japanese), stop
words given un-normalised, the S-stemmer's exceptions, and random noisy texts hidden."""

from gpu_runner.graders.code import case_maker

STOP = ["the", "a", "an", "and", "or", "of", "to", "in", "is", "are", "this", "that", "it", "its", "was", "as"]
WORDS = [
    "The", "cats", "dogs", "models", "tokens", "are", "learning", "from", "series", "of", "studies", "and", "is",
    "this", "that", "classes", "buses", "glasses", "heroes", "trees", "it", "was", "GPUs", "corpus", "status",
    "flies", "Straße", "café", "naïve", "模型", "语言", "2024", "Transformer", "as", "a", "queries",
]  # fmt: skip
WHITESPACE = [" ", "  ", "\t", "\n", "\u3000", "\u00a0", " \r\n "]
INVISIBLE = ["\u200b", "\ufeff", "\u00ad", "\u200d"]
NFKC = {
    "en": "start with unicodedata.normalize('NFKC', ...): it turns full-width forms, ligatures, circled and "
    "superscript digits into their plain equivalents",
    "zh": "先做 unicodedata.normalize('NFKC', ...)：它会把全角字符、连字、带圈数字和上标数字变成普通字符",
}
CASEFOLD = {
    "en": "use str.casefold(), not lower(), then NFKC again",
    "zh": "用 str.casefold() 而不是 lower()，之后再做一次 NFKC",
}
INVISIBLES = {
    "en": "remove format characters (category Cf, e.g. zero-width space, BOM, soft hyphen) and control characters "
    "(Cc) that are not whitespace",
    "zh": "删除格式字符（Cf 类，如零宽空格、BOM、软连字符）和不属于空白的控制字符（Cc 类）",
}
SPACES = {
    "en": "every run of whitespace (str.isspace) becomes one space; none at either end",
    "zh": "每一段连续空白（str.isspace）变成一个空格；首尾不留空格",
}
ACCENTS = {
    "en": "strip_accents: NFD, drop every character of category Mn, then NFC",
    "zh": "strip_accents：先 NFD，删除所有 Mn 类字符，再 NFC",
}
STOPWORDS = {
    "en": "normalise the stop words too, and remove stop words BEFORE stemming",
    "zh": "停用词也要规范化，并且在词干提取之前去除停用词",
}
STEMMER = {
    "en": "S-stemmer: leave words shorter than 3, not ending in s, or ending in us/ss; ies -> y unless aies/eies; "
    "leave ies/aes/ees/oes; otherwise drop the final s",
    "zh": "S 词干规则：长度小于 3、不以 s 结尾、或以 us/ss 结尾的词不变；ies -> y（aies/eies 除外）；"
    "ies/aes/ees/oes 不变；其余去掉末尾的 s",
}
TOKENS = {
    "en": "a token is a maximal run of characters with str.isalnum(); the S-stemmer only touches tokens "
    "made of ASCII letters",
    "zh": "词元是由 str.isalnum() 为真的字符组成的最长连续片段；S 词干规则只作用于纯 ASCII 字母组成的词元",
}
EXAMPLE = "The cats and the dogs: this is Ｎｏｔ a series of flies, it's two buses and glasses!"
# (name, text, strip_accents[, hint]) for normalize; (name, text, stop_words[, hint]) for preprocess.
SHOWN_NORMALIZE = [
    ({"en": "example: full-width text and ß", "zh": "示例：全角文本与 ß"}, "Ｈｅｌｌｏ，　ＷＯＲＬＤ！ Straße", None),
    ({"en": "example: accents stripped", "zh": "示例：去除重音"}, "  Café\u200b déjà\tvu\n", True),
    ({"en": "example: Chinese with full-width brackets", "zh": "示例：带全角括号的中文"}, "自然语言处理（ＮＬＰ）　很有趣。", None),
]  # fmt: skip
SHOWN_PREPROCESS = [
    ({"en": "example: stop words and the S-stemmer", "zh": "示例：停用词与 S 词干提取"}, EXAMPLE, ["the", "THIS", "is", "a", "of", "and", "it", "not"]),
]  # fmt: skip
NORMALIZE = [
    ({"en": "ligatures, superscripts, circled and Roman numerals", "zh": "连字、上标、带圈数字和罗马数字"}, "ﬁﬂ x² ① Ⅻ ㎏ ™", None, NFKC),
    ({"en": "half-width katakana", "zh": "半角片假名"}, "ｶﾀｶﾅ ﾃﾞｰﾀ", None, NFKC),
    ({"en": "Greek sigma and ß", "zh": "希腊字母 sigma 与 ß"}, "ΟΔΥΣΣΕΥΣ Straße STRASSE", None, CASEFOLD),
    ({"en": "case folding that needs a second NFKC", "zh": "大小写折叠后需要再做一次 NFKC"}, "ǰ ΐ ΰ ẖ", None, CASEFOLD),
    ({"en": "zero-width space, BOM, soft hyphen", "zh": "零宽空格、BOM、软连字符"}, "\ufeffzero\u200bwidth soft\u00adhyphen joi\u200dner", None, INVISIBLES),
    ({"en": "control characters", "zh": "控制字符"}, "bell\x07 null\x00 tab\tend\x85line\x1f!", None, INVISIBLES),
    ({"en": "every kind of whitespace", "zh": "各种空白字符"}, "\u3000a\u00a0b\u2003c\n\r\n d \t", None, SPACES),
    ({"en": "an empty text", "zh": "空文本"}, "", None, SPACES),
    ({"en": "only whitespace and invisibles", "zh": "只有空白和不可见字符"}, " \u200b\t\u3000\n", None, SPACES),
    ({"en": "Vietnamese without accents", "zh": "去掉重音的越南语"}, "Tiếng Việt có dấu", True, ACCENTS),
    ({"en": "what accent stripping does to Japanese", "zh": "去除重音对日文的影响"}, "ポケモン がんばれ ﾊﾟﾝ", True, ACCENTS),
    ({"en": "accents kept by default", "zh": "默认保留重音"}, "NAÏVE CAFÉ Ångström", None, CASEFOLD),
]  # fmt: skip
PREPROCESS = [
    ({"en": "stop words given in capitals and full width", "zh": "以大写和全角给出的停用词"}, "The model AND the data", ["ＴＨＥ", "And"], STOPWORDS),
    ({"en": "stop words go before stemming", "zh": "先去停用词，再提取词干"}, "this is as it was, yes: its cats", ["this", "is", "as", "was", "its"], STOPWORDS),
    ({"en": "the S-stemmer's exceptions", "zh": "S 词干规则的例外"}, "corpus status classes ponies aies eies series goes heroes trees toes cats gas us is", [], STEMMER),
    ({"en": "tokens are runs of letters and digits", "zh": "词元是连续的字母和数字"}, "snake_case e-mail it's 3.14 GPUs2024 模型s 自然语言处理！", [], TOKENS),
    ({"en": "an empty text", "zh": "空文本"}, "", STOP, ""),
]  # fmt: skip


_normalize_call = case_maker("normalize")
_preprocess = case_maker("preprocess")


def _normalize(name, text, strip_accents=None, **options):
    kwargs = {} if strip_accents is None else {"strip_accents": strip_accents}
    return _normalize_call(name, text, **kwargs, **options)


def _full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text)


def _noisy_text(rng):
    pieces = []
    for _ in range(int(rng.integers(5, 16))):
        word = WORDS[int(rng.integers(len(WORDS)))]
        roll = rng.random()
        if roll < 0.2:
            word = _full_width(word)
        elif roll < 0.4:
            word = word.upper()
        if rng.random() < 0.15:
            cut = int(rng.integers(0, len(word) + 1))
            word = word[:cut] + INVISIBLE[int(rng.integers(len(INVISIBLE)))] + word[cut:]
        pieces.append(word)
        pieces.append(WHITESPACE[int(rng.integers(len(WHITESPACE)))] if rng.random() < 0.8 else ", ")
    return "".join(pieces)


def make_cases(rng):
    cases = [_normalize(name, text, accents, visible=True) for name, text, accents in SHOWN_NORMALIZE]
    cases += [_preprocess(name, text, stop, visible=True) for name, text, stop in SHOWN_PREPROCESS]
    cases += [_normalize(name, text, accents, hint=hint) for name, text, accents, hint in NORMALIZE]
    cases += [_preprocess(name, text, stop, hint=hint) for name, text, stop, hint in PREPROCESS]
    for i in range(3):
        text = _noisy_text(rng)
        name = {"en": f"random noisy text {i + 1}", "zh": f"随机噪声文本 {i + 1}"}
        cases.append(_normalize(name, text, bool(i % 2), hint=NFKC))
        stop = [STOP[j] for j in sorted(rng.choice(len(STOP), size=int(rng.integers(3, len(STOP))), replace=False))]
        if rng.random() < 0.5:
            stop = [word.upper() for word in stop]
        name = {"en": f"random noisy text {i + 1}, preprocessed", "zh": f"随机噪声文本 {i + 1}（预处理）"}
        cases.append(_preprocess(name, text, stop, hint=STOPWORDS))
    return cases
