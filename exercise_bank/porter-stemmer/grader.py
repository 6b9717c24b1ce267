"""Cases for porter-stemmer: the paper's examples shown; one hidden case per rule (with a hint naming its step)
and words drawn from a list of everyday English."""

from gpu_runner.graders.code import Case

VOCABULARY = [
    "abandoned", "abilities", "accessible", "accumulation", "activities", "adaptation", "additional", "adjustments",
    "agreement", "allowances", "analysing", "announcements", "applicable", "arguing", "arrangement", "assessments",
    "attractiveness", "availability", "beautiful", "believing", "boundaries", "breathing", "calculations", "capacity",
    "carefully", "celebrated", "characteristic", "cheerfulness", "collections", "comfortable", "communities",
    "competitive", "complicated", "conditionally", "conference", "connections", "considerably", "continuously",
    "controlling", "conventional", "cooperation", "criticism", "cultivated", "dangerous", "decisions", "definitely",
    "dependence", "descriptive", "destruction", "developmental", "differences", "disappointed", "distributions",
    "dominating", "educational", "effectiveness", "electricity", "embarrassing", "emotionally", "encouraging",
    "engineering", "enthusiastic", "environmental", "equations", "essentially", "evaluation", "excitement",
    "expectations", "experimental", "explanations", "facilities", "familiarity", "fascinating", "flexibility",
    "formalities", "foundations", "generalization", "generously", "governmental", "happiness", "helpfulness",
    "historically", "hopelessness", "identification", "imaginative", "immediately", "implementation", "impressive",
    "independently", "industrialized", "inflation", "information", "institutional", "intelligence", "interesting",
    "interpretation", "investigating", "irritation", "journalism", "knowledgeable", "leadership", "liveliness",
    "luxurious", "maintenance", "managerial", "meaningful", "measurements", "mechanical", "memorizing",
    "mysterious", "nationalism", "naturally", "negotiations", "neighbourhood", "nervousness", "normalization",
    "observations", "occasionally", "operational", "opportunities", "organizations", "ownership", "participation",
    "particularly", "performances", "personality", "philosophical", "possibilities", "practically", "predictable",
    "preferences", "presidential", "probabilities", "productivity", "professional", "proportional", "publications",
    "qualifications", "questionable", "rationalize", "realistic", "recognizable", "recommendations", "relationships",
    "reliability", "remarkably", "representative", "responsibilities", "revolutionary", "scientifically",
    "seriousness", "significantly", "similarities", "situational", "specialization", "statistically", "strengthening",
    "successfully", "suggestions", "sustainability", "technological", "temperatures", "traditional", "transformation",
    "uncertainty", "understanding", "universities", "unreasonable", "usefulness", "variations", "visualization",
    "vulnerability", "wonderfully", "yesterday", "youthfulness",
]  # fmt: skip


def _case(name, word, *, visible=False, hint=None):
    return Case(name=name, fn="porter_stem", args=(word,), visible=visible, hint=hint or "")


def _step(name_en, name_zh, word, hint_en, hint_zh):
    return _case({"en": name_en, "zh": name_zh}, word, hint={"en": hint_en, "zh": hint_zh})


RULES = [
    ("step 1a: sses", "步骤 1a：sses", "caresses", "step 1a: SSES -> SS", "步骤 1a：SSES -> SS"),
    ("step 1a: ss stays", "步骤 1a：ss 保持不变", "caress", "step 1a: SS -> SS, so the final s stays", "步骤 1a：SS -> SS，末尾的 s 保留"),
    ("step 1b: eed with m = 0", "步骤 1b：m = 0 的 eed", "feed", "(m>0) EED -> EE; when it fails, the ED rule is not tried", "(m>0) EED -> EE；条件不满足时也不再尝试 ED 规则"),
    ("step 1b: eed with m > 0", "步骤 1b：m > 0 的 eed", "agreed", "(m>0) EED -> EE", "(m>0) EED -> EE"),
    ("step 1b: ed after a stem without a vowel", "步骤 1b：词干没有元音的 ed", "bled", "(*v*) ED: the stem 'bl' has no vowel", "(*v*) ED：词干 'bl' 没有元音"),
    ("step 1b: at -> ate", "步骤 1b：at -> ate", "conflated", "after ED or ING is removed: AT -> ATE", "去掉 ED 或 ING 之后：AT -> ATE"),
    ("step 1b: a double consonant", "步骤 1b：双辅音", "hopping", "after ING: a double consonant other than l, s, z loses one letter", "去掉 ING 之后：除 l、s、z 以外的双辅音去掉一个字母"),
    ("step 1b: ll stays", "步骤 1b：ll 保持", "falling", "a double l, s or z stays double in step 1b", "在步骤 1b 中，双写的 l、s、z 保持不变"),
    ("step 1b: m = 1 and *o adds e", "步骤 1b：m = 1 且 *o 时加 e", "filing", "(m=1 and *o) -> E: 'fil' ends consonant-vowel-consonant", "(m=1 且 *o) -> E：'fil' 以辅音-元音-辅音结尾"),
    ("step 1c: y -> i", "步骤 1c：y -> i", "happy", "(*v*) Y -> I", "(*v*) Y -> I"),
    ("step 1c: y after no vowel", "步骤 1c：前面没有元音的 y", "sky", "(*v*) Y: in 'sk' there is no vowel", "(*v*) Y：'sk' 中没有元音"),
    ("step 2: only the first matching suffix", "步骤 2：只看第一个匹配的后缀", "rational", "ATIONAL matches but m('r') = 0: stop, do not try TIONAL", "ATIONAL 匹配，但 m('r') = 0：到此为止，不再尝试 TIONAL"),
    ("step 2: ization", "步骤 2：ization", "vietnamization", "step 2: (m>0) IZATION -> IZE", "步骤 2：(m>0) IZATION -> IZE"),
    ("step 2: biliti", "步骤 2：biliti", "sensibiliti", "step 2: (m>0) BILITI -> BLE", "步骤 2：(m>0) BILITI -> BLE"),
    ("step 3: icate", "步骤 3：icate", "triplicate", "step 3: (m>0) ICATE -> IC", "步骤 3：(m>0) ICATE -> IC"),
    ("step 3: ness", "步骤 3：ness", "goodness", "step 3: (m>0) NESS ->", "步骤 3：(m>0) NESS ->"),
    ("step 4: ement before ment", "步骤 4：ement 先于 ment", "replacement", "step 4: EMENT is listed before MENT and ENT", "步骤 4：EMENT 排在 MENT 和 ENT 之前"),
    ("step 4: ion after s or t", "步骤 4：s 或 t 后面的 ion", "adoption", "(m>1 and (*S or *T)) ION ->", "(m>1 且 (*S 或 *T)) ION ->"),
    ("step 4: ion after another letter", "步骤 4：其他字母后面的 ion", "communion", "ION goes only after s or t", "ION 只在 s 或 t 之后去掉"),
    ("step 5a: m = 1 and *o keeps e", "步骤 5a：m = 1 且 *o 时保留 e", "rate", "(m=1 and not *o) E ->: 'rat' ends cvc, so e stays", "(m=1 且非 *o) E ->：'rat' 以辅音-元音-辅音结尾，e 保留"),
    ("step 5a: m = 1 without *o", "步骤 5a：m = 1 且非 *o", "cease", "(m=1 and not *o) E ->", "(m=1 且非 *o) E ->"),
    ("step 5b: ll", "步骤 5b：ll", "controlling", "(m>1 and *d and *L) -> single letter", "(m>1 且 *d 且 *L) -> 单个字母"),
    ("y as a consonant and as a vowel", "y 作辅音和作元音", "syzygy", "y is a consonant at the start or after a vowel, a vowel after a consonant", "y 在词首或元音之后是辅音，在辅音之后是元音"),
    ("y after a vowel is a consonant", "元音之后的 y 是辅音", "employment", "in 'employ', y follows a vowel: it is a consonant, and m = 2", "在 'employ' 中，y 跟在元音后面：它是辅音，因此 m = 2"),
    ("step 4: when EMENT fails, stop", "步骤 4：EMENT 不满足条件时就停下", "agreement", "EMENT matches but m('agr') = 1: do not go on to MENT or ENT", "EMENT 匹配，但 m('agr') = 1：不要再去试 MENT 或 ENT"),
    ("a one-letter word", "只有一个字母的词", "a", "the published algorithm applies to words of any length", "原始算法对任何长度的词都适用"),
    ("several steps in a row", "连续经过多个步骤", "generalizations", "1a, then 2 (IZATION), 3 (ALIZE), 4 (AL)", "先 1a，再 2（IZATION）、3（ALIZE）、4（AL）"),
]  # fmt: skip


def make_cases(rng):
    cases = [
        _case({"en": "example: caresses", "zh": "示例：caresses"}, "caresses", visible=True),
        _case({"en": "example: ponies", "zh": "示例：ponies"}, "ponies", visible=True),
        _case({"en": "example: hopping", "zh": "示例：hopping"}, "hopping", visible=True),
        _case({"en": "example: relational", "zh": "示例：relational"}, "relational", visible=True),
        _case({"en": "example: generalizations", "zh": "示例：generalizations"}, "generalizations", visible=True),
    ]
    cases += [_step(*rule) for rule in RULES if rule[2] not in {"caresses", "hopping", "generalizations"}]
    for i, word in enumerate(rng.choice(VOCABULARY, size=12, replace=False)):
        cases.append(_case({"en": f"everyday word {i + 1}", "zh": f"常用词 {i + 1}"}, str(word)))
    return cases
