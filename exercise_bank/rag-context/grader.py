"""Cases for rag-context: generated company profiles (English and Chinese), a question about one fact, a budget.

A case passes when the prompt keeps the format, stays within the budget, copies its chunks from the documents
and contains the whole answer-bearing sentence. That sentence travels on the case (`RagCase.answer`), on the
worker side only: the sandbox gets only the call's arguments. The prompt's format is the reference's (its
templates and token count are the ones the starter gives the learner): a case's budget is measured on it.
"""

import re
from dataclasses import dataclass

from reference import CJK, assemble
from starter import TEMPLATES, count_tokens

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR, bilingual
from gpu_runner.graders.code import Case

CHUNK_LINE = re.compile(r"\[(\d+)\] (.+)")

EN = {
    "names": [
        "Kestrel Analytics",
        "Halvorsen Robotics",
        "Brightwater Foods",
        "Marlowe Energy",
        "Quillon Software",
        "Tamsin Biotech",
        "Orrin Logistics",
        "Vespera Games",
        "Calder Textiles",
        "Nimbus Freight",
        "Ardent Optics",
        "Larchmont Health",
    ],
    "people": [
        "Ingrid Solberg",
        "Tomas Reyes",
        "Amara Okafor",
        "Lin Wei",
        "Felix Brandt",
        "Sofia Marchetti",
        "Kenji Arai",
        "Nadia Haddad",
        "Pablo Ortega",
        "Elena Petrova",
    ],
    "cities": ["Oslo", "Lyon", "Porto", "Tallinn", "Leeds", "Graz", "Malmo", "Utrecht", "Bergen", "Turin"],
    "products": [
        ("Atlas", "a route planner for delivery vans"),
        ("Pebble", "a pocket air-quality sensor"),
        ("Lumen", "a reading lamp that follows daylight"),
        ("Drift", "a sailing navigation app"),
        ("Kettle", "a smart kitchen scale"),
        ("Harbor", "a warehouse scheduling tool"),
    ],
    "facts": {
        "founded": ("{e} was founded in {year} by {person}.", "In which year was {e} founded?"),
        "hq": ("The headquarters of {e} are in {city}.", "Where are the headquarters of {e}?"),
        "staff": ("{e} employs about {n} people across {k} offices.", "How many people does {e} employ?"),
        "product": ("The best-known product of {e} is {product}, {desc}.", "What is the best-known product of {e}?"),
        "revenue": (
            "In {year2}, {e} reported revenue of {m}.{d} million euros.",
            "What revenue did {e} report in {year2}?",
        ),
        "ceo": ("{person2} has been the chief executive of {e} since {year3}.", "Who is the chief executive of {e}?"),
    },
    "fillers": [
        "{e} is known for a careful engineering culture.",
        "Customers often praise the quality of its support team.",
        "Its staff meet every spring for a week of planning.",
        "The company publishes a short report on its work each quarter.",
        "Several of its engineers teach evening classes at a local college.",
    ],
    "join": " ",
}
ZH = {
    "names": [
        "星河数据",
        "青松机器人",
        "蓝鲸分析",
        "明湖能源",
        "远山物流",
        "白鹭软件",
        "金禾食品",
        "云帆游戏",
        "长风光学",
        "清泉医疗",
    ],
    "people": ["王海燕", "李明", "陈静", "赵磊", "刘芳", "周建国", "孙悦", "吴涛"],
    "cities": ["杭州", "成都", "苏州", "青岛", "厦门", "武汉", "西安", "南京"],
    "products": [
        ("星图", "一款为货车规划路线的软件"),
        ("小青", "一个口袋空气质量检测仪"),
        ("鲸眼", "一台跟随日光调节的台灯"),
        ("湖光", "一款帆船导航应用"),
        ("远航", "一台智能厨房秤"),
        ("白鹭笔记", "一个仓库排班工具"),
    ],
    "facts": {
        "founded": ("{e}由{person}于{year}年创立。", "{e}是哪一年创立的？"),
        "hq": ("{e}的总部位于{city}。", "{e}的总部在哪里？"),
        "staff": ("{e}在{k}个办公室共有约{n}名员工。", "{e}有多少名员工？"),
        "product": ("{e}最有名的产品是{product}，{desc}。", "{e}最有名的产品是什么？"),
        "revenue": ("{year2}年，{e}的营收为{m}.{d}亿元。", "{year2}年{e}的营收是多少？"),
        "ceo": ("{person2}自{year3}年起担任{e}的首席执行官。", "谁是{e}的首席执行官？"),
    },
    "fillers": [
        "{e}以严谨的工程文化著称。",
        "客户经常称赞它的售后支持。",
        "公司员工每年春天都会集中规划一周。",
        "公司每个季度都会发布一份简短的工作报告。",
        "它的几位工程师在本地大学开设夜间课程。",
    ],
    "join": "",
}
EXAMPLE_DOCS = [
    "Kestrel Analytics was founded in 2009 by Ingrid Solberg. The headquarters of Kestrel Analytics are in Oslo. "
    "In 2022, Kestrel Analytics reported revenue of 12.5 million euros.",
    "Marlowe Energy was founded in 2014 by Tomas Reyes. Marlowe Energy employs about 340 people across 4 offices.",
]
EXAMPLE_DOCS_ZH = [
    "星河数据由王海燕于2011年创立。星河数据的总部位于杭州。",
    "明湖能源的总部位于成都。明湖能源在3个办公室共有约260名员工。",
]


@dataclass(frozen=True)
class RagCase(Case):
    answer: str = ""  # the sentence that must reach the prompt; "" when the exact reference prompt is expected


def _profile(rng, lang, name, index):
    """One document about `name`: its six facts and two fillers in random order; returns (text, {fact: sentence})."""
    values = {
        "e": name,
        "year": int(rng.integers(1985, 2020)),
        "person": str(rng.choice(lang["people"])),
        "city": str(rng.choice(lang["cities"])),
        "n": int(rng.integers(40, 5000)),
        "k": int(rng.integers(2, 12)),
        "year2": int(rng.integers(2019, 2025)),
        "m": int(rng.integers(2, 400)),
        "d": int(rng.integers(1, 10)),
        "person2": str(rng.choice(lang["people"])),
        "year3": int(rng.integers(2012, 2025)),
    }
    values["product"], values["desc"] = lang["products"][(index + int(rng.integers(0, 6))) % len(lang["products"])]
    facts = {key: template.format(**values) for key, (template, _) in lang["facts"].items()}
    fillers = [f.format(e=name) for f in rng.choice(lang["fillers"], size=2, replace=False)]
    sentences = [*facts.values(), *fillers]
    order = rng.permutation(len(sentences))
    return lang["join"].join(sentences[i] for i in order), facts, values


def _generated(rng, lang, n_docs, fact=None, slack=(10, 30)):
    names = [str(n) for n in rng.choice(lang["names"], size=n_docs, replace=False)]
    profiles = [_profile(rng, lang, name, i) for i, name in enumerate(names)]
    target = int(rng.integers(0, n_docs))
    fact = fact or str(rng.choice(list(lang["facts"])))
    _, facts, values = profiles[target]
    question = lang["facts"][fact][1].format(**values)
    empty = assemble(question, [])
    budget = count_tokens(empty) + count_tokens(facts[fact]) + 6 + int(rng.integers(*slack))
    return [p[0] for p in profiles], question, budget, facts[fact]


def _case(name, documents, question, budget, answer, *, visible=False, hint=None):
    return RagCase(
        name=name,
        fn="build_prompt",
        args=(documents, question, budget),
        visible=visible,
        hint=hint or "",
        answer=answer,
    )


DECIMALS = {
    "en": "a sentence ends at . ! ? only when a space or the end of the text follows: 12.5 is not the end of a sentence",
    "zh": "只有后面跟着空白或文本结尾时，. ! ? 才是句末：12.5 中的点不是句号",
}
RANK = {
    "en": "score every chunk against the question (shared words, rare words weighing more) and fill the budget best first",
    "zh": "按与问题的相关程度给每个片段打分（共有的词越多、越罕见，分数越高），再按分数从高到低填满预算",
}


def make_cases(rng):
    examples = [
        ({"en": "example: the answer is in the second document", "zh": "示例：答案在第二篇文档中"}, EXAMPLE_DOCS, "In which year was Marlowe Energy founded?", 60, "Marlowe Energy was founded in 2014 by Tomas Reyes."),
        ({"en": "example: a Chinese question", "zh": "示例：中文问题"}, EXAMPLE_DOCS_ZH, "明湖能源有多少名员工？", 75, "明湖能源在3个办公室共有约260名员工。"),
        ({"en": "example: no documents", "zh": "示例：没有文档"}, [], "Who is the chief executive of Kestrel Analytics?", 50, ""),
    ]  # fmt: skip
    cases = [_case(*example, visible=True) for example in examples]
    cases.append(
        _case(
            {"en": "a budget too small for the question", "zh": "预算连问题都放不下"},
            EXAMPLE_DOCS,
            "In which year was Marlowe Energy founded?",
            20,
            "",
            hint=RAISE_VALUE_ERROR,
        )
    )
    for i, (lang, label) in enumerate(
        (
            (EN, {"en": "English", "zh": "英文"}),
            (ZH, {"en": "Chinese", "zh": "中文"}),
            (EN, {"en": "English", "zh": "英文"}),
        )
    ):
        documents, question, budget, answer = _generated(rng, lang, int(rng.integers(3, 6)), fact="revenue")
        name = {
            "en": f"{label['en']}: the answer has a decimal point ({i + 1})",
            "zh": f"{label['zh']}：答案里有小数点（{i + 1}）",
        }
        cases.append(_case(name, documents, question, budget, answer, hint=DECIMALS))
    for lang, label, count in (
        (EN, {"en": "English profiles", "zh": "英文资料"}, 5),
        (ZH, {"en": "Chinese profiles", "zh": "中文资料"}, 4),
    ):
        for i in range(count):
            documents, question, budget, answer = _generated(rng, lang, int(rng.integers(4, 8)))
            name = {"en": f"{label['en']} {i + 1}", "zh": f"{label['zh']} {i + 1}"}
            cases.append(_case(name, documents, question, budget, answer, hint=RANK))
    en_docs, _, _, _ = _generated(rng, EN, 3)
    zh_docs, question, budget, answer = _generated(rng, ZH, 3)
    mixed = [*en_docs, *zh_docs]
    order = [int(i) for i in rng.permutation(len(mixed))]
    cases.append(
        _case(
            {"en": "English and Chinese documents together", "zh": "中英文文档混在一起"},
            [mixed[i] for i in order],
            question,
            budget,
            answer,
            hint=RANK,
        )
    )
    documents, question, budget, answer = _generated(rng, EN, 6, slack=(0, 3))
    cases.append(
        _case(
            {"en": "a tight budget", "zh": "很紧的预算"},
            documents,
            question,
            budget,
            answer,
            hint={
                "en": "chunks of one sentence fit a tight budget; a chunk that does not fit is skipped, a shorter one may still fit",
                "zh": "预算很紧时用单句作为片段；放不下的片段跳过，后面更短的片段也许还放得下",
            },
        )
    )
    return cases


def _parse(prompt, question):
    """The prompt's chunks, or a message saying which part of the format is off."""
    header, context, question_label, answer_label = TEMPLATES["zh" if CJK.search(question) else "en"]
    lines = prompt.split("\n")
    if lines[:3] != [header, "", context]:
        return None, bilingual(
            "the prompt must start with the header line, an empty line and the context label",
            "提示词必须以标题行、一个空行和资料标签开头",
        )
    if len(lines) < 6 or lines[-3:] != ["", question_label + question, answer_label]:
        return None, bilingual(
            "the prompt must end with an empty line, the question line and the answer label",
            "提示词必须以一个空行、问题行和回答标签结尾",
        )
    chunks = []
    for number, line in enumerate(lines[3:-3], start=1):
        match = CHUNK_LINE.fullmatch(line)
        if match is None or int(match.group(1)) != number:
            return None, bilingual(
                f"context line {number} must read '[{number}] <chunk>'",
                f"第 {number} 行资料必须写成“[{number}] <片段>”",
            )
        chunks.append(match.group(2))
    return chunks, None


def check(case, expected, got):
    """Format, budget, chunks copied from the documents, and the whole answer sentence among them."""
    documents, question, budget = case.args
    if not isinstance(got, str):
        return bilingual("return the prompt as a str", "请以 str 返回提示词")
    if not case.answer:
        if got == expected:
            return None
        return bilingual("with no documents the prompt has no context lines", "没有文档时提示词中没有资料行")
    chunks, problem = _parse(got, question)
    if problem is not None:
        return problem
    used = count_tokens(got)
    if used > budget:
        return bilingual(
            f"the prompt has {used} tokens, over the budget of {budget}",
            f"提示词有 {used} 个词元，超出了 {budget} 的预算",
        )
    for number, chunk in enumerate(chunks, start=1):
        if not any(chunk in document for document in documents):
            return bilingual(
                f"chunk [{number}] is not copied exactly from one document",
                f"片段 [{number}] 不是从某篇文档中原样复制的",
            )
    if not any(case.answer in chunk for chunk in chunks):
        if case.visible:
            return bilingual(
                f"the sentence that answers the question is not in the context: {case.answer}",
                f"能回答问题的句子不在资料中：{case.answer}",
            )
        return bilingual(
            "the sentence that answers the question did not reach the prompt", "能回答问题的句子没有进入提示词"
        )
    return None
