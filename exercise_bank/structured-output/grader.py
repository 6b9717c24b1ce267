"""Cases for structured-output: model replies built from a random record and broken in the ways the
statement lists (fences, prose, single quotes, Python literals, trailing commas, truncation), traps where
a repair must not touch a string, unrepairable replies, and schema errors with their JSON pointers."""

import json

from gpu_runner.graders.code import Case

FN = "parse_structured"
NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Karen Spärck Jones", "李娜", "Tim O'Reilly", "Edsger Dijkstra"]
TAGS = ["billing", "login", "refund", "api", "mobile", "export", "security", "sso"]
CITIES = ["Lyon", "Porto", "上海", "Kraków", "São Paulo", "Oslo"]

SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 40},
        "age": {"type": "integer", "minimum": 0, "maximum": 130},
        "priority": {"type": "string", "enum": ["low", "medium", "high"]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 4},
        "vip": {"type": "boolean"},
        "note": {"type": ["string", "null"]},
        "address": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string", "minLength": 4}},
            "required": ["city"],
        },
    },
    "required": ["name", "age", "priority"],
    "additionalProperties": False,
}


def _hint(en, zh):
    return {"en": en, "zh": zh}


def dump(value, quote='"', python=False, trailing=False):
    """JSON text with the breakages a model makes: single quotes, Python literals, trailing commas."""
    if value is True or value is False or value is None:
        return {True: "True", False: "False", None: "None"}[value] if python else json.dumps(value)
    if isinstance(value, str):
        if quote == "'":
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        items = [dump(item, quote, python, trailing) for item in value]
        return "[" + ", ".join(items) + ("," if trailing and items else "") + "]"
    if isinstance(value, dict):
        items = [f"{dump(key, quote)}: {dump(item, quote, python, trailing)}" for key, item in value.items()]
        return "{" + ", ".join(items) + ("," if trailing and items else "") + "}"
    return json.dumps(value)


def _record(rng, *, apostrophe=False):
    name = str(rng.choice([n for n in NAMES if ("'" in n) == apostrophe]))
    record = {
        "name": name,
        "age": int(rng.integers(18, 90)),
        "priority": str(rng.choice(["low", "medium", "high"])),
        "tags": [str(t) for t in rng.choice(TAGS, size=int(rng.integers(1, 4)), replace=False)],
        "vip": bool(rng.integers(0, 2)),
        "note": None,
        "address": {"city": str(rng.choice(CITIES)), "zip": str(int(rng.integers(10000, 99999)))},
    }
    return record


REPAIR_ORDER = _hint(
    "try json.loads on the reply first; only if it fails, run the six repairs in the statement's order and list the "
    "ones that changed the text",
    "先对回复直接调用 json.loads；只有失败时，才按题目给出的顺序执行六个修复步骤，并列出真正改变了文本的那些",
)
STRINGS = _hint(
    'repairs act outside strings only: track whether you are inside a double-quoted string (mind \\" escapes)',
    '修复只作用于字符串之外：要跟踪当前是否在双引号字符串内部（注意 \\" 转义）',
)
POINTERS = _hint(
    "report each failing keyword once as [JSON pointer of the value, keyword], e.g. ['/tags/1', 'type'], sorted",
    "每个失败的关键字报告一次，格式为 [值的 JSON 指针, 关键字]，例如 ['/tags/1', 'type']，并排序",
)
KEYWORDS = _hint(
    "check every keyword on its own: enum and type apply to any value, minimum to numbers, minLength to strings, "
    "required and additionalProperties to objects",
    "每个关键字各自独立检查：enum 和 type 适用于任何值，minimum 只看数字，minLength 只看字符串，required 和 "
    "additionalProperties 只看对象",
)


def make_cases(rng):
    example = {"name": "Ada", "age": 36, "priority": "high", "tags": ["math", "code"]}
    fenced = "Sure! Here is the JSON:\n```json\n" + dump(example, "'", trailing=True) + "\n```\nLet me know!"
    cases = [
        Case(
            name={
                "en": "statement example: a fenced reply with single quotes",
                "zh": "题目示例：代码块中使用单引号的回复",
            },
            fn=FN,
            args=(fenced, SCHEMA),
            visible=True,
        ),
        Case(
            name={
                "en": "statement example: valid JSON that breaks the schema",
                "zh": "题目示例：合法 JSON 但不符合模式",
            },
            fn=FN,
            args=('{"name": "", "age": 36.0, "priority": "urgent", "tags": ["a", 7], "vip": 1}', SCHEMA),
            visible=True,
        ),
        Case(
            name={"en": "statement example: a truncated reply", "zh": "题目示例：被截断的回复"},
            fn=FN,
            args=('{"name": "Ada", "age": 36, "priority": "low", "tags": ["math", "co', SCHEMA),
            visible=True,
        ),
    ]
    record = _record(rng)
    text = dump(record)
    cases += [
        Case(
            name={"en": "valid JSON needs no repair", "zh": "合法的 JSON 不需要修复"},
            fn=FN,
            args=(text, SCHEMA),
            hint=REPAIR_ORDER,
        ),
        Case(
            name={"en": "a code fence without a language tag", "zh": "没有语言标记的代码块"},
            fn=FN,
            args=(f"```\n{text}\n```", SCHEMA),
            hint=REPAIR_ORDER,
        ),
        Case(
            name={"en": "a code fence that is never closed", "zh": "没有闭合的代码块"},
            fn=FN,
            args=(f"Here you go:\n```json\n{text}\n", SCHEMA),
            hint=_hint(
                "an unclosed fence runs to the end of the text",
                "没有闭合的代码块一直延伸到文本末尾",
            ),
        ),
        Case(
            name={"en": "prose before and after the object", "zh": "对象前后有说明文字"},
            fn=FN,
            args=(f"The extracted record is {text} as requested.", SCHEMA),
            hint=_hint(
                "keep the text from the first { to the } that closes it, counting brackets outside strings",
                "保留从第一个 { 到与它配对的 } 之间的文本，只统计字符串之外的括号",
            ),
        ),
    ]
    quoted = _record(rng)
    quoted["note"] = 'said "hello" twice'
    cases.append(
        Case(
            name={"en": "single quotes with a double quote inside", "zh": "单引号字符串中含有双引号"},
            fn=FN,
            args=(dump(quoted, "'"), SCHEMA),
            hint=_hint(
                "turn '...' into \"...\": escape a \" inside it, and unescape \\'",
                "把 '...' 改成 \"...\"：其中的 \" 要转义，\\' 要还原成 '",
            ),
        )
    )
    apostrophe = _record(rng, apostrophe=True)
    cases.append(
        Case(
            name={"en": "single quotes with an escaped apostrophe inside", "zh": "单引号字符串中含有转义的撇号"},
            fn=FN,
            args=(dump(apostrophe, "'"), SCHEMA),
            hint=_hint(
                "inside a single-quoted string, \\' is an apostrophe: it becomes a plain ' in the double-quoted string",
                "在单引号字符串中，\\' 表示一个撇号：改成双引号字符串后它就是普通的 '",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "an apostrophe inside a double-quoted string stays", "zh": "双引号字符串内的撇号保留"},
            fn=FN,
            args=(dump(apostrophe, python=True), SCHEMA),
            hint=STRINGS,
        )
    )
    cases.append(
        Case(
            name={"en": "Python literals True, False and None", "zh": "Python 字面量 True、False 和 None"},
            fn=FN,
            args=(dump(_record(rng), python=True), SCHEMA),
            hint=_hint(
                "outside strings, the whole words True, False, None become true, false, null",
                "在字符串之外，整词 True、False、None 分别改成 true、false、null",
            ),
        )
    )
    literal_in_string = _record(rng)
    literal_in_string["note"] = "None of the True answers, False alarm"
    cases.append(
        Case(
            name={"en": "the words True and None inside a string stay", "zh": "字符串内的 True 和 None 保留"},
            fn=FN,
            args=(dump(literal_in_string, python=True), SCHEMA),
            hint=STRINGS,
        )
    )
    cases.append(
        Case(
            name={"en": "trailing commas in objects and arrays", "zh": "对象和数组中的末尾逗号"},
            fn=FN,
            args=(dump(_record(rng), trailing=True), SCHEMA),
            hint=_hint(
                "drop a comma whose next non-space character is } or ]",
                "删除后面第一个非空白字符是 } 或 ] 的逗号",
            ),
        )
    )
    comma_in_string = _record(rng)
    comma_in_string["note"] = "closing remarks, }"
    cases.append(
        Case(
            name={"en": "a comma before } inside a string stays", "zh": "字符串内 } 前的逗号保留"},
            fn=FN,
            args=(dump(comma_in_string, trailing=True), SCHEMA),
            hint=STRINGS,
        )
    )
    truncated = dump(_record(rng))
    cut = truncated.index('"tags"') + len('"tags": ["') + 2
    cases.append(
        Case(
            name={"en": "truncated inside an array", "zh": "在数组内部被截断"},
            fn=FN,
            args=(truncated[:cut], SCHEMA),
            hint=_hint(
                "close an unclosed string first, then every open bracket, innermost first",
                "先补上未闭合的字符串引号，再从最内层开始补上所有未闭合的括号",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "truncated after a comma", "zh": "在逗号之后被截断"},
            fn=FN,
            args=(truncated[: truncated.index(', "vip"') + 1], SCHEMA),
            hint=_hint(
                "closing the brackets can leave a trailing comma: that is why trailing commas are repaired last",
                "补上括号之后可能留下末尾逗号：这就是为什么末尾逗号最后才修复",
            ),
        )
    )
    everything = _record(rng)
    messy = "Sure.\n```json\n" + dump(everything, "'", python=True, trailing=True)
    messy = messy[: messy.rindex("}") - 1]  # cut off the end as well
    cases.append(
        Case(
            name={"en": "every breakage at once", "zh": "所有问题同时出现"},
            fn=FN,
            args=(messy, SCHEMA),
            hint=REPAIR_ORDER,
        )
    )
    cases.append(
        Case(
            name={"en": "not JSON at all", "zh": "根本不是 JSON"},
            fn=FN,
            args=("Sorry, I cannot help with that request.", SCHEMA),
            hint=_hint(
                "when the repaired text still does not parse, return value None and the single error ['', 'json']",
                "修复后仍无法解析时，返回 value 为 None，错误只有一个 ['', 'json']",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "truncated after a key cannot be repaired", "zh": "在键之后被截断，无法修复"},
            fn=FN,
            args=('{"name": "Ada", "age": 36, "priority":', SCHEMA),
            hint=_hint(
                "closing the brackets does not give a value to a dangling key: report ['', 'json'] with the repairs tried",
                "补上括号并不能给悬空的键一个值：报告 ['', 'json']，并列出尝试过的修复",
            ),
        )
    )

    missing = _record(rng)
    del missing["age"], missing["priority"]
    missing["address"].pop("city")
    cases.append(
        Case(
            name={"en": "schema: required keys missing", "zh": "模式：缺少必填键"},
            fn=FN,
            args=(json.dumps(missing), SCHEMA),
            hint=POINTERS,
        )
    )
    extra = _record(rng)
    extra["email"] = "someone@example.com"
    extra["address"]["country"] = "FR"  # the nested object allows extra keys
    cases.append(
        Case(
            name={"en": "schema: an additional property", "zh": "模式：多余的属性"},
            fn=FN,
            args=(json.dumps(extra), SCHEMA),
            hint=_hint(
                "additionalProperties: false forbids keys that are not in properties, at that level only",
                "additionalProperties: false 只禁止本层中不在 properties 里的键",
            ),
        )
    )
    items = _record(rng)
    items["tags"] = ["ok", 3, None, "fine", "five"]
    items["address"]["zip"] = "12"
    cases.append(
        Case(
            name={"en": "schema: errors inside arrays and nested objects", "zh": "模式：数组和嵌套对象中的错误"},
            fn=FN,
            args=(json.dumps(items), SCHEMA),
            hint=POINTERS,
        )
    )
    both = _record(rng)
    both["priority"] = 2
    both["age"] = -1
    cases.append(
        Case(
            name={"en": "schema: type and enum fail together", "zh": "模式：type 和 enum 同时失败"},
            fn=FN,
            args=(json.dumps(both), SCHEMA),
            hint=KEYWORDS,
        )
    )
    numbers = _record(rng)
    numbers["age"] = float(numbers["age"])
    numbers["vip"] = 1
    cases.append(
        Case(
            name={"en": "schema: 40.0 is an integer, 1 is not a boolean", "zh": "模式：40.0 是整数，1 不是布尔值"},
            fn=FN,
            args=(json.dumps(numbers), SCHEMA),
            hint=_hint(
                "a float with no fractional part counts as an integer; true/false are booleans, never numbers, and 1 is "
                "not a boolean",
                "没有小数部分的浮点数算作整数；true/false 是布尔值，不是数字，1 也不是布尔值",
            ),
        )
    )
    flags = _record(rng)
    flags["age"] = True
    flags["note"] = 5
    cases.append(
        Case(
            name={"en": "schema: true is not an integer; a list of types", "zh": "模式：true 不是整数；类型列表"},
            fn=FN,
            args=(json.dumps(flags), SCHEMA),
            hint=KEYWORDS,
        )
    )
    chinese = _record(rng)
    chinese["name"] = "李" * int(rng.integers(38, 43))
    cases.append(
        Case(
            name={"en": "schema: maxLength counts characters", "zh": "模式：maxLength 按字符计数"},
            fn=FN,
            args=(json.dumps(chinese, ensure_ascii=False), SCHEMA),
            hint=_hint(
                "string lengths count characters (code points), not bytes",
                "字符串长度按字符（码点）计算，而不是按字节",
            ),
        )
    )
    cases.append(
        Case(
            name={"en": "schema: an array where an object is required", "zh": "模式：要求对象却得到数组"},
            fn=FN,
            args=(json.dumps([record]), SCHEMA),
            hint=KEYWORDS,
        )
    )
    return cases
