"""Cases for tokenize-and-align-labels: NER sentences drawn from templates over a small bilingual WordPiece
vocabulary (the grader's own: nothing is downloaded), with words that split into pieces, capitals and
accents, punctuation inside words, unknown words, Chinese characters, truncation and padding."""

from gpu_runner.graders.code import Case

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


def _hint(en, zh):
    return {"en": en, "zh": zh}


def _entity(words, first, inside):
    return list(words), [first] + [inside] * (len(words) - 1)


def _sentence(rng):
    person = PEOPLE[int(rng.integers(len(PEOPLE)))]
    place = PLACES[int(rng.integers(len(PLACES)))]
    org = ORGS[int(rng.integers(len(ORGS)))]
    template = int(rng.integers(4))
    parts = []
    if template == 0:
        parts = [
            _entity(person, B_PER, I_PER),
            (["lives", "in"], [OUT, OUT]),
            _entity(place, B_LOC, I_LOC),
            (["."], [OUT]),
        ]
    elif template == 1:
        parts = [
            _entity(person, B_PER, I_PER),
            (["works", "at"], [OUT, OUT]),
            _entity(org, B_ORG, I_ORG),
            (["in"], [OUT]),
            _entity(place, B_LOC, I_LOC),
        ]
    elif template == 2:
        parts = [
            (["The"], [OUT]),
            _entity(org, B_ORG, I_ORG),
            (["team"], [OUT]),
            (["visited"], [OUT]),
            _entity(place, B_LOC, I_LOC),
            (["!"], [OUT]),
        ]
    else:
        parts = [
            (["We", "don't", "meet"], [OUT, OUT, OUT]),
            _entity(person, B_PER, I_PER),
            ([str(rng.choice(FILLERS))], [OUT]),
        ]
    words = [w for ws, _ in parts for w in ws]
    labels = [label for _, ls in parts for label in ls]
    return words, labels


def _batch(rng, size):
    sentences = [_sentence(rng) for _ in range(size)]
    return [s[0] for s in sentences], [s[1] for s in sentences]


FIRST_PIECE = _hint(
    "only the first token of each word carries its label; the other pieces of the word, [CLS], [SEP] and padding get -100",
    "只有每个词的第一个词元带标签；同一个词的其他片段、[CLS]、[SEP] 和填充都是 -100",
)
PIPELINE = _hint(
    "BERT's uncased pipeline: lowercase and strip accents, split punctuation and every Chinese character off, then "
    "WordPiece (longest match first, '##' for pieces inside a word, [UNK] for a word with no match)",
    "BERT 不区分大小写的流程：转小写并去掉重音符号，把标点和每个汉字单独切开，再做 WordPiece（最长匹配优先，词内片段加 "
    "'##'，无法匹配的词整体变成 [UNK]）",
)


def make_cases(rng):
    example_words = [
        ["Ada", "Lovelace", "lives", "in", "Paris", "."],
        ["The", "New", "Yorker", "played", "in", "Saint-Étienne"],
    ]
    example_labels = [[B_PER, I_PER, OUT, OUT, B_LOC, OUT], [OUT, B_LOC, I_LOC, OUT, OUT, B_LOC]]
    cases = [
        Case(
            name={"en": "statement example", "zh": "题目示例"},
            fn=FN,
            args=(example_words, example_labels, VOCAB, 32),
            visible=True,
        ),
        Case(
            name={"en": "statement example, every token of a word labelled", "zh": "题目示例，词的每个词元都带标签"},
            fn=FN,
            args=(example_words, example_labels, VOCAB, 32),
            kwargs={"label_all_tokens": True},
            visible=True,
        ),
        Case(
            name={"en": "statement example, truncated to 8 tokens", "zh": "题目示例，截断为 8 个词元"},
            fn=FN,
            args=(example_words, example_labels, VOCAB, 8),
            visible=True,
        ),
    ]
    words, labels = _batch(rng, int(rng.integers(4, 8)))
    cases += [
        Case(
            name={"en": "a batch padded to its longest sentence", "zh": "按批次中最长的句子补齐"},
            fn=FN,
            args=(words, labels, VOCAB, 64),
            hint=_hint(
                "pad every sentence with [PAD] to the longest one in the batch (not to max_length); attention_mask is 0 there",
                "把每个句子用 [PAD] 补到本批次中最长句子的长度（不是 max_length）；这些位置的 attention_mask 为 0",
            ),
        ),
        Case(
            name={"en": "pieces of a word", "zh": "一个词的多个片段"},
            fn=FN,
            args=(words, labels, VOCAB, 64),
            hint=FIRST_PIECE,
        ),
        Case(
            name={"en": "every piece labelled", "zh": "每个片段都带标签"},
            fn=FN,
            args=(words, labels, VOCAB, 64),
            kwargs={"label_all_tokens": True},
            hint=_hint(
                "with label_all_tokens every piece of a word gets the word's label; special tokens and padding stay -100",
                "label_all_tokens 为真时，一个词的每个片段都带这个词的标签；特殊词元和填充仍是 -100",
            ),
        ),
        Case(
            name={"en": "truncation keeps [CLS] and [SEP]", "zh": "截断时保留 [CLS] 和 [SEP]"},
            fn=FN,
            args=(words, labels, VOCAB, int(rng.integers(5, 9))),
            hint=_hint(
                "max_length counts [CLS] and [SEP]: cut the word pieces so the whole row fits, then add them",
                "max_length 包含 [CLS] 和 [SEP]：先截断词片段使整行放得下，再加上它们",
            ),
        ),
    ]
    accents = [["SAINT-ÉTIENNE", "is", "in", "France", "."], ["Café", "au", "lait", "?"]]
    cases.append(
        Case(
            name={"en": "capitals, accents and unknown words", "zh": "大写、重音符号和未登录词"},
            fn=FN,
            args=(accents, [[B_LOC, OUT, OUT, B_LOC, OUT], [OUT, OUT, OUT, OUT]], VOCAB, 32),
            hint=PIPELINE,
        )
    )
    chinese = [["李娜", "住", "在", "北京", "。"], ["我们", "在", "上海", "工作"]]
    cases.append(
        Case(
            name={"en": "Chinese words become one token per character", "zh": "中文词被切成每字一个词元"},
            fn=FN,
            args=(chinese, [[B_PER, OUT, OUT, B_LOC, OUT], [OUT, OUT, B_LOC, OUT]], VOCAB, 32),
            hint=PIPELINE,
        )
    )
    punctuation = [["U.S.", "don't", "state-of-the-art", "!"]]
    cases.append(
        Case(
            name={"en": "punctuation inside a word", "zh": "词内的标点"},
            fn=FN,
            args=(punctuation, [[B_LOC, OUT, OUT, OUT]], VOCAB, 32),
            hint=FIRST_PIECE,
        )
    )
    one_word, one_label = _batch(rng, 1)
    cases.append(
        Case(
            name={"en": "a single sentence", "zh": "单个句子"},
            fn=FN,
            args=(one_word, one_label, VOCAB, 64),
            hint=FIRST_PIECE,
        )
    )
    bad = _hint(
        "raise ValueError when a sentence's labels do not match its words one to one, or when max_length < 2",
        "当某个句子的标签与词不是一一对应，或 max_length < 2 时，抛出 ValueError",
    )
    cases.append(
        Case(
            name={"en": "a missing label raises ValueError", "zh": "缺少标签时抛出 ValueError"},
            fn=FN,
            args=(words, [labels[0][:-1], *labels[1:]], VOCAB, 64),
            hint=bad,
        )
    )
    return cases
