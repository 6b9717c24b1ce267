"""Cases for max-match-segmentation: the statement's examples shown; the classic ambiguities, max_len, characters
outside the dictionary, each bidirectional rule, bad max_len, and random dictionaries and texts hidden."""

from gpu_runner.graders.code import Case

FNS = ("forward_max_match", "backward_max_match", "bidirectional_max_match")
WORDS = [
    "研究", "研究生", "生命", "起源", "项目", "目的", "结婚", "和尚", "尚未", "南京", "南京市", "市长", "长江",
    "长江大桥", "大桥", "北京", "北京大学", "大学", "大学生", "学生", "生前", "前来", "应聘", "的确", "确实", "实在",
    "在理", "当下", "下雨", "下雨天", "雨天", "天地", "地面", "面积", "积水", "自然", "自然语言", "语言", "处理",
    "模型", "语言模型", "人工", "人工智能", "智能", "能力", "学习", "机器", "机器学习", "深度", "深度学习", "和平",
    "平等", "互利", "发展", "中国", "国家", "发展中国家", "学会", "会计", "计算", "计算机", "乒乓球", "球拍", "拍卖",
]  # fmt: skip
FILLERS = [*"的了在是和就都也很，。！？、", "2024", "AI", "GPU"]
RESEARCH = ["研究", "研究生", "生命", "命", "起源"]
RAIN = ["当下", "下雨", "下雨天", "雨天", "天地", "地面", "面积", "积水"]
LONGEST = {
    "en": "at each position take the LONGEST dictionary word of at most max_len characters, else one character",
    "zh": "每个位置都取不超过 max_len 个字的最长词典词，没有就取单个字",
}
BACKWARD = {
    "en": "backward matching takes the longest word ENDING at the current position, then returns the tokens in text "
    "order",
    "zh": "逆向匹配取以当前位置结尾的最长词，最后按原文顺序返回词元",
}
RULES = {
    "en": "fewer tokens wins; with as many tokens, fewer single-character tokens wins; a remaining tie goes to backward",
    "zh": "词数少的胜出；词数相同则单字少的胜出；仍然相同则取逆向结果",
}
UNCOVERED = {
    "en": "every character counts, digits and punctuation included; one not covered by a word is a token",
    "zh": "每个字符都算，数字和标点也一样；没有被词覆盖的字符单独成为一个词元",
}
SHOWN = [
    ({"en": "example: 研究生命起源", "zh": "示例：研究生命起源"}, "研究生命起源", RESEARCH),
    ({"en": "example: 当下雨天地面积水", "zh": "示例：当下雨天地面积水"}, "当下雨天地面积水", RAIN),
]
# (name, text, dictionary): the classic ambiguities, run through all three functions.
AMBIGUITIES = [
    ({"en": "南京市长江大桥", "zh": "南京市长江大桥"}, "南京市长江大桥", ["南京", "南京市", "南京市长", "长江大桥", "江大桥", "市长", "长江", "大桥"]),
    ({"en": "a tie in tokens and single characters", "zh": "词数和单字数都相同"}, "结婚的和尚未结婚的", ["结婚", "和尚", "尚未", "的", "和", "未"]),
    ({"en": "forward gives fewer tokens", "zh": "正向结果词数更少"}, "北京大学生活", ["大学生活", "北京大学", "生活", "大学"]),
    ({"en": "backward gives fewer tokens", "zh": "逆向结果词数更少"}, "计算机器学习", ["计算", "计算机", "机器", "机器学习", "器学", "学习"]),
]  # fmt: skip
# (name, fn, text, dictionary, max_len, hint)
SITUATIONS = [
    ({"en": "项目的研究: a tie that backward gets wrong", "zh": "项目的研究：逆向在平局时也会出错"}, "bidirectional_max_match", "项目的研究", ["项目", "目的", "研究"], None, RULES),
    ({"en": "max_len shorter than the longest word", "zh": "max_len 小于最长词"}, "backward_max_match", "南京市长江大桥", ["南京市", "长江大桥", "市长", "长江", "大桥"], 3, LONGEST),
    ({"en": "max_len = 1 gives single characters", "zh": "max_len = 1 时逐字切分"}, "forward_max_match", "自然语言处理", ["自然", "自然语言", "语言", "处理"], 1, LONGEST),
    ({"en": "a max_len of 0 is an error", "zh": "max_len 为 0 是错误"}, "forward_max_match", "自然语言", ["自然"], 0, {"en": "raise ValueError when max_len < 1", "zh": "max_len < 1 时抛出 ValueError"}),
    ({"en": "characters outside the dictionary", "zh": "词典之外的字符"}, "forward_max_match", "2024年，AI模型很火！", ["模型", "2024年", "AI"], None, UNCOVERED),
    ({"en": "an empty dictionary", "zh": "空词典"}, "bidirectional_max_match", "深度学习", [], None, {"en": "with no word every character stands alone", "zh": "没有词时每个字单独成词"}),
    ({"en": "empty text", "zh": "空文本"}, "backward_max_match", "", RESEARCH, None, {"en": "empty text gives []", "zh": "空文本返回 []"}),
    ({"en": "an empty string in the dictionary", "zh": "词典里有空字符串"}, "backward_max_match", "机器学习", ["", "机器", "学习", "机器学习"], None, {"en": "ignore empty dictionary entries", "zh": "忽略词典中的空字符串"}),
]  # fmt: skip


def _case(name, fn, text, dictionary, max_len=None, *, visible=False, hint=""):
    kwargs = {} if max_len is None else {"max_len": max_len}
    return Case(name=name, fn=fn, args=(text, dictionary), kwargs=kwargs, visible=visible, hint=hint)


def _all_three(name, text, dictionary, max_len=None, *, visible=False, hints=(LONGEST, BACKWARD, RULES)):
    short = {"forward_max_match": "forward", "backward_max_match": "backward", "bidirectional_max_match": "both"}
    zh = {"forward_max_match": "正向", "backward_max_match": "逆向", "bidirectional_max_match": "双向"}
    cases = []
    for fn, hint in zip(FNS, hints):
        title = {"en": f"{name['en']} ({short[fn]})", "zh": f"{name['zh']}（{zh[fn]}）"}
        cases.append(_case(title, fn, text, dictionary, max_len, visible=visible, hint=hint))
    return cases


def _random_text(rng, dictionary):
    pieces = []
    for _ in range(int(rng.integers(3, 12))):
        pool = dictionary if rng.random() < 0.8 else FILLERS
        pieces.append(pool[int(rng.integers(len(pool)))])
    return "".join(pieces)


def make_cases(rng):
    cases = [case for name, text, dictionary in SHOWN for case in _all_three(name, text, dictionary, visible=True)]
    cases.append(
        _case(
            {"en": "example: max_len = 2", "zh": "示例：max_len = 2"},
            "forward_max_match",
            "研究生命起源",
            RESEARCH,
            2,
            visible=True,
        )
    )
    cases += [case for name, text, dictionary in AMBIGUITIES for case in _all_three(name, text, dictionary)]
    cases += [_case(name, *call, hint=hint) for name, *call, hint in SITUATIONS]
    for i in range(3):
        size = int(rng.integers(10, len(WORDS)))
        dictionary = [WORDS[j] for j in sorted(rng.choice(len(WORDS), size=size, replace=False))]
        text = _random_text(rng, dictionary)
        max_len = None if i == 0 else int(rng.integers(2, 5))
        cases.extend(_all_three({"en": f"random text {i + 1}", "zh": f"随机文本 {i + 1}"}, text, dictionary, max_len))
    return cases
