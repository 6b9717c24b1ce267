"""Cases for tokenize-and-align-labels: NER sentences drawn from templates over a small bilingual WordPiece
vocabulary (the grader's own: nothing is downloaded), with words that split into pieces, capitals and
accents, punctuation inside words, unknown words, Chinese characters, truncation and padding."""

from gpu_runner.graders.case_texts import STATEMENT_EXAMPLE, raises_value_error
from gpu_runner.graders.code import case_maker, with_hints

FN = "tokenize_and_align_labels"
OUT, B_PER, I_PER, B_LOC, I_LOC, B_ORG, I_ORG = range(7)

PIECES = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    ".",
    ",",
    "'",
    "-",
    "!",
    "?",
    "the",
    "a",
    "in",
    "at",
    "to",
    "of",
    "and",
    "is",
    "was",
    "for",
    "from",
    "with",
    "on",
    "don",
    "t",
    "s",
    "lives",
    "live",
    "work",
    "##s",
    "##ed",
    "##ing",
    "##er",
    "##ly",
    "##ation",
    "visit",
    "play",
    "meet",
    "join",
    "new",
    "york",
    "paris",
    "lyon",
    "san",
    "francisco",
    "united",
    "states",
    "u",
    "cafe",
    "saint",
    "ada",
    "love",
    "##lace",
    "grace",
    "hop",
    "##per",
    "alan",
    "turing",
    "marie",
    "cur",
    "##ie",
    "li",
    "na",
    "google",
    "open",
    "##ai",
    "deep",
    "##mind",
    "red",
    "cross",
    "company",
    "team",
    "today",
    "yesterday",
    "last",
    "week",
    "museum",
    "friends",
    "state",
    "happy",
    "et",
    "##ienne",
    "france",
    "art",
    "。",
    "北",
    "京",
    "上",
    "海",
    "是",
    "首",
    "都",
    "在",
    "工",
    "作",
    "李",
    "娜",
    "住",
    "我",
    "们",
]
VOCAB = {piece: index for index, piece in enumerate(PIECES)}

PEOPLE = [(["Ada", "Lovelace"]), (["Grace", "Hopper"]), (["Alan", "Turing"]), (["Marie", "Curie"]), (["李娜"])]
PLACES = [
    ["Paris"],
    ["Lyon"],
    ["New", "York"],
    ["San", "Francisco"],
    ["the", "U.S."],
    ["Saint-Étienne"],
    ["北京"],
    ["上海"],
]
ORGS = [["Google"], ["OpenAI"], ["DeepMind"], ["Red", "Cross"]]
FILLERS = ["today", "yesterday", "with", "friends", "happily", "last", "week", "visited", "worked"]


# Sentence templates: each part is an entity slot (<person>, <place>, <org>), a <filler> word drawn from FILLERS, or
# words outside any entity.
TEMPLATES = [
    ("<person>", "lives in", "<place>", "."),
    ("<person>", "works at", "<org>", "in", "<place>"),
    ("The", "<org>", "team visited", "<place>", "!"),
    ("We don't meet", "<person>", "<filler>"),
]


def _entity(words, first, inside):
    return list(words), [first] + [inside] * (len(words) - 1)


def _sentence(rng):
    slots = {
        "<person>": _entity(PEOPLE[int(rng.integers(len(PEOPLE)))], B_PER, I_PER),
        "<place>": _entity(PLACES[int(rng.integers(len(PLACES)))], B_LOC, I_LOC),
        "<org>": _entity(ORGS[int(rng.integers(len(ORGS)))], B_ORG, I_ORG),
    }
    words, labels = [], []
    for part in TEMPLATES[int(rng.integers(len(TEMPLATES)))]:
        if part == "<filler>":
            part_words = [str(rng.choice(FILLERS))]
            part_labels = [OUT]
        elif part in slots:
            part_words, part_labels = slots[part]
        else:
            part_words = part.split()
            part_labels = [OUT] * len(part_words)
        words += part_words
        labels += part_labels
    return words, labels


def _batch(rng, size):
    sentences = [_sentence(rng) for _ in range(size)]
    return [s[0] for s in sentences], [s[1] for s in sentences]


FIRST_PIECE = {
    "en": "only the first token of each word carries its label; the other pieces of the word, [CLS], [SEP] and padding get -100",
    "zh": "只有每个词的第一个词元带标签；同一个词的其他片段、[CLS]、[SEP] 和填充都是 -100",
}
PIPELINE = {
    "en": (
        "BERT's uncased pipeline: lowercase and strip accents, split punctuation and every Chinese character off, then "
        "WordPiece (longest match first, '##' for pieces inside a word, [UNK] for a word with no match)"
    ),
    "zh": (
        "BERT 不区分大小写的流程：转小写并去掉重音符号，把标点和每个汉字单独切开，再做 WordPiece（最长匹配优先，词内片段加 "
        "'##'，无法匹配的词整体变成 [UNK]）"
    ),
}


_case = case_maker(FN)


def _tokenize(name, words, labels, max_length, **options):
    """The case `tokenize_and_align_labels(words, labels, VOCAB, max_length)`."""
    return _case(name, words, labels, VOCAB, max_length, **options)


EXAMPLE_WORDS = [
    ["Ada", "Lovelace", "lives", "in", "Paris", "."],
    ["The", "New", "Yorker", "played", "in", "Saint-Étienne"],
]
EXAMPLE_LABELS = [[B_PER, I_PER, OUT, OUT, B_LOC, OUT], [OUT, B_LOC, I_LOC, OUT, OUT, B_LOC]]


def _statement(name, max_length, **options):
    """A visible case on the statement's two sentences."""
    return _tokenize(name, EXAMPLE_WORDS, EXAMPLE_LABELS, max_length, visible=True, **options)


ACCENTS = [["SAINT-ÉTIENNE", "is", "in", "France", "."], ["Café", "au", "lait", "?"]]
ACCENT_LABELS = [[B_LOC, OUT, OUT, B_LOC, OUT], [OUT, OUT, OUT, OUT]]
CHINESE = [["李娜", "住", "在", "北京", "。"], ["我们", "在", "上海", "工作"]]
CHINESE_LABELS = [[B_PER, OUT, OUT, B_LOC, OUT], [OUT, OUT, B_LOC, OUT]]
PUNCTUATION = [["U.S.", "don't", "state-of-the-art", "!"]]
PUNCTUATION_LABELS = [[B_LOC, OUT, OUT, OUT]]

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a batch padded to its longest sentence": {
        "en": "pad every sentence with [PAD] to the longest one in the batch (not to max_length); attention_mask is 0 there",
        "zh": "把每个句子用 [PAD] 补到本批次中最长句子的长度（不是 max_length）；这些位置的 attention_mask 为 0",
    },
    "pieces of a word": FIRST_PIECE,
    "every piece labelled": {
        "en": "with label_all_tokens every piece of a word gets the word's label; special tokens and padding stay -100",
        "zh": "label_all_tokens 为真时，一个词的每个片段都带这个词的标签；特殊词元和填充仍是 -100",
    },
    "truncation keeps [CLS] and [SEP]": {
        "en": "max_length counts [CLS] and [SEP]: cut the word pieces so the whole row fits, then add them",
        "zh": "max_length 包含 [CLS] 和 [SEP]：先截断词片段使整行放得下，再加上它们",
    },
    "capitals, accents and unknown words": PIPELINE,
    "Chinese words become one token per character": PIPELINE,
    "punctuation inside a word": FIRST_PIECE,
    "a single sentence": FIRST_PIECE,
    "a missing label raises ValueError": {
        "en": "raise ValueError when a sentence's labels do not match its words one to one, or when max_length < 2",
        "zh": "当某个句子的标签与词不是一一对应，或 max_length < 2 时，抛出 ValueError",
    },
}


def make_cases(rng):
    words, labels = _batch(rng, int(rng.integers(4, 8)))
    truncated_length = int(rng.integers(5, 9))
    one_word, one_label = _batch(rng, 1)
    cases = [
        _statement(STATEMENT_EXAMPLE, 32),
        _statement(
            {"en": "statement example, every token of a word labelled", "zh": "题目示例，词的每个词元都带标签"},
            32,
            label_all_tokens=True,
        ),
        _statement({"en": "statement example, truncated to 8 tokens", "zh": "题目示例，截断为 8 个词元"}, 8),
        _tokenize({"en": "a batch padded to its longest sentence", "zh": "按批次中最长的句子补齐"}, words, labels, 64),
        _tokenize({"en": "pieces of a word", "zh": "一个词的多个片段"}, words, labels, 64),
        _tokenize({"en": "every piece labelled", "zh": "每个片段都带标签"}, words, labels, 64, label_all_tokens=True),
        _tokenize(
            {"en": "truncation keeps [CLS] and [SEP]", "zh": "截断时保留 [CLS] 和 [SEP]"},
            words,
            labels,
            truncated_length,
        ),
        _tokenize(
            {"en": "capitals, accents and unknown words", "zh": "大写、重音符号和未登录词"}, ACCENTS, ACCENT_LABELS, 32
        ),
        _tokenize(
            {"en": "Chinese words become one token per character", "zh": "中文词被切成每字一个词元"},
            CHINESE,
            CHINESE_LABELS,
            32,
        ),
        _tokenize({"en": "punctuation inside a word", "zh": "词内的标点"}, PUNCTUATION, PUNCTUATION_LABELS, 32),
        _tokenize({"en": "a single sentence", "zh": "单个句子"}, one_word, one_label, 64),
        _tokenize(
            raises_value_error("a missing label", "缺少标签"),
            words,
            [labels[0][:-1], *labels[1:]],
            64,
        ),
    ]
    return with_hints(cases, HINTS)
