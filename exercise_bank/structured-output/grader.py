"""Cases for structured-output: model replies built from a random record and broken in the ways the
statement lists (fences, prose, single quotes, Python literals, trailing commas, truncation), traps where
a repair must not touch a string, unrepairable replies, and schema errors with their JSON pointers."""

import json

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, with_hints

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


def _record(rng, *, apostrophe=False, **changes):
    """A random record that fits SCHEMA, then `changes` to its top-level keys."""
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
    record.update(changes)
    return record


_parse = case_maker(FN)


def _reply(name, text, **options):
    """The case `parse_structured(text, SCHEMA)`."""
    return _parse(name, text, SCHEMA, **options)


REPAIR_ORDER = {
    "en": (
        "try json.loads on the reply first; only if it fails, run the six repairs in the statement's order and list the "
        "ones that changed the text"
    ),
    "zh": "先对回复直接调用 json.loads；只有失败时，才按题目给出的顺序执行六个修复步骤，并列出真正改变了文本的那些",
}
STRINGS = {
    "en": 'repairs act outside strings only: track whether you are inside a double-quoted string (mind \\" escapes)',
    "zh": '修复只作用于字符串之外：要跟踪当前是否在双引号字符串内部（注意 \\" 转义）',
}
POINTERS = {
    "en": "report each failing keyword once as [JSON pointer of the value, keyword], e.g. ['/tags/1', 'type'], sorted",
    "zh": "每个失败的关键字报告一次，格式为 [值的 JSON 指针, 关键字]，例如 ['/tags/1', 'type']，并排序",
}
KEYWORDS = {
    "en": (
        "check every keyword on its own: enum and type apply to any value, minimum to numbers, minLength to strings, "
        "required and additionalProperties to objects"
    ),
    "zh": (
        "每个关键字各自独立检查：enum 和 type 适用于任何值，minimum 只看数字，minLength 只看字符串，required 和 "
        "additionalProperties 只看对象"
    ),
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "valid JSON needs no repair": REPAIR_ORDER,
    "a code fence without a language tag": REPAIR_ORDER,
    "a code fence that is never closed": {
        "en": "an unclosed fence runs to the end of the text",
        "zh": "没有闭合的代码块一直延伸到文本末尾",
    },
    "prose before and after the object": {
        "en": "keep the text from the first { to the } that closes it, counting brackets outside strings",
        "zh": "保留从第一个 { 到与它配对的 } 之间的文本，只统计字符串之外的括号",
    },
    "single quotes with a double quote inside": {
        "en": "turn '...' into \"...\": escape a \" inside it, and unescape \\'",
        "zh": "把 '...' 改成 \"...\"：其中的 \" 要转义，\\' 要还原成 '",
    },
    "single quotes with an escaped apostrophe inside": {
        "en": "inside a single-quoted string, \\' is an apostrophe: it becomes a plain ' in the double-quoted string",
        "zh": "在单引号字符串中，\\' 表示一个撇号：改成双引号字符串后它就是普通的 '",
    },
    "an apostrophe inside a double-quoted string stays": STRINGS,
    "Python literals True, False and None": {
        "en": "outside strings, the whole words True, False, None become true, false, null",
        "zh": "在字符串之外，整词 True、False、None 分别改成 true、false、null",
    },
    "the words True and None inside a string stay": STRINGS,
    "trailing commas in objects and arrays": {
        "en": "drop a comma whose next non-space character is } or ]",
        "zh": "删除后面第一个非空白字符是 } 或 ] 的逗号",
    },
    "a comma before } inside a string stays": STRINGS,
    "truncated inside an array": {
        "en": "close an unclosed string first, then every open bracket, innermost first",
        "zh": "先补上未闭合的字符串引号，再从最内层开始补上所有未闭合的括号",
    },
    "truncated after a comma": {
        "en": "closing the brackets can leave a trailing comma: that is why trailing commas are repaired last",
        "zh": "补上括号之后可能留下末尾逗号：这就是为什么末尾逗号最后才修复",
    },
    "every breakage at once": REPAIR_ORDER,
    "not JSON at all": {
        "en": "when the repaired text still does not parse, return value None and the single error ['', 'json']",
        "zh": "修复后仍无法解析时，返回 value 为 None，错误只有一个 ['', 'json']",
    },
    "truncated after a key cannot be repaired": {
        "en": "closing the brackets does not give a value to a dangling key: report ['', 'json'] with the repairs tried",
        "zh": "补上括号并不能给悬空的键一个值：报告 ['', 'json']，并列出尝试过的修复",
    },
    "schema: required keys missing": POINTERS,
    "schema: an additional property": {
        "en": "additionalProperties: false forbids keys that are not in properties, at that level only",
        "zh": "additionalProperties: false 只禁止本层中不在 properties 里的键",
    },
    "schema: errors inside arrays and nested objects": POINTERS,
    "schema: type and enum fail together": KEYWORDS,
    "schema: 40.0 is an integer, 1 is not a boolean": {
        "en": (
            "a float with no fractional part counts as an integer; true/false are booleans, never numbers, and 1 is "
            "not a boolean"
        ),
        "zh": "没有小数部分的浮点数算作整数；true/false 是布尔值，不是数字，1 也不是布尔值",
    },
    "schema: true is not an integer; a list of types": KEYWORDS,
    "schema: maxLength counts characters": {
        "en": "string lengths count characters (code points), not bytes",
        "zh": "字符串长度按字符（码点）计算，而不是按字节",
    },
    "schema: an array where an object is required": KEYWORDS,
}


def make_cases(rng):
    example = {"name": "Ada", "age": 36, "priority": "high", "tags": ["math", "code"]}
    fenced = "Sure! Here is the JSON:\n```json\n" + dump(example, "'", trailing=True) + "\n```\nLet me know!"

    # The records behind the hidden replies, drawn from rng in this order.
    record = _record(rng)
    text = dump(record)
    quoted = _record(rng, note='said "hello" twice')
    apostrophe = _record(rng, apostrophe=True)
    literals = _record(rng)
    literal_in_string = _record(rng, note="None of the True answers, False alarm")
    trailing = _record(rng)
    comma_in_string = _record(rng, note="closing remarks, }")
    truncated = dump(_record(rng))
    cut = truncated.index('"tags"') + len('"tags": ["') + 2
    messy = "Sure.\n```json\n" + dump(_record(rng), "'", python=True, trailing=True)
    messy = messy[: messy.rindex("}") - 1]  # cut off the end as well
    missing = _record(rng)
    del missing["age"], missing["priority"]
    missing["address"].pop("city")
    extra = _record(rng, email="someone@example.com")
    extra["address"]["country"] = "FR"  # the nested object allows extra keys
    items = _record(rng, tags=["ok", 3, None, "fine", "five"])
    items["address"]["zip"] = "12"
    both = _record(rng, priority=2, age=-1)
    numbers = _record(rng, vip=1)
    numbers["age"] = float(numbers["age"])
    flags = _record(rng, age=True, note=5)
    chinese = _record(rng)
    chinese["name"] = "李" * int(rng.integers(38, 43))

    examples = [  # English name, Chinese name, the reply
        ("statement example: a fenced reply with single quotes", "题目示例：代码块中使用单引号的回复", fenced),
        (
            "statement example: valid JSON that breaks the schema",
            "题目示例：合法 JSON 但不符合模式",
            '{"name": "", "age": 36.0, "priority": "urgent", "tags": ["a", 7], "vip": 1}',
        ),
        (
            "statement example: a truncated reply",
            "题目示例：被截断的回复",
            '{"name": "Ada", "age": 36, "priority": "low", "tags": ["math", "co',
        ),
    ]
    hidden = [
        ("valid JSON needs no repair", "合法的 JSON 不需要修复", text),
        ("a code fence without a language tag", "没有语言标记的代码块", f"```\n{text}\n```"),
        ("a code fence that is never closed", "没有闭合的代码块", f"Here you go:\n```json\n{text}\n"),
        ("prose before and after the object", "对象前后有说明文字", f"The extracted record is {text} as requested."),
        ("single quotes with a double quote inside", "单引号字符串中含有双引号", dump(quoted, "'")),
        ("single quotes with an escaped apostrophe inside", "单引号字符串中含有转义的撇号", dump(apostrophe, "'")),
        (
            "an apostrophe inside a double-quoted string stays",
            "双引号字符串内的撇号保留",
            dump(apostrophe, python=True),
        ),
        ("Python literals True, False and None", "Python 字面量 True、False 和 None", dump(literals, python=True)),
        (
            "the words True and None inside a string stay",
            "字符串内的 True 和 None 保留",
            dump(literal_in_string, python=True),
        ),
        ("trailing commas in objects and arrays", "对象和数组中的末尾逗号", dump(trailing, trailing=True)),
        ("a comma before } inside a string stays", "字符串内 } 前的逗号保留", dump(comma_in_string, trailing=True)),
        ("truncated inside an array", "在数组内部被截断", truncated[:cut]),
        ("truncated after a comma", "在逗号之后被截断", truncated[: truncated.index(', "vip"') + 1]),
        ("every breakage at once", "所有问题同时出现", messy),
        ("not JSON at all", "根本不是 JSON", "Sorry, I cannot help with that request."),
        (
            "truncated after a key cannot be repaired",
            "在键之后被截断，无法修复",
            '{"name": "Ada", "age": 36, "priority":',
        ),
        ("schema: required keys missing", "模式：缺少必填键", json.dumps(missing)),
        ("schema: an additional property", "模式：多余的属性", json.dumps(extra)),
        ("schema: errors inside arrays and nested objects", "模式：数组和嵌套对象中的错误", json.dumps(items)),
        ("schema: type and enum fail together", "模式：type 和 enum 同时失败", json.dumps(both)),
        ("schema: 40.0 is an integer, 1 is not a boolean", "模式：40.0 是整数，1 不是布尔值", json.dumps(numbers)),
        ("schema: true is not an integer; a list of types", "模式：true 不是整数；类型列表", json.dumps(flags)),
        ("schema: maxLength counts characters", "模式：maxLength 按字符计数", json.dumps(chinese, ensure_ascii=False)),
        ("schema: an array where an object is required", "模式：要求对象却得到数组", json.dumps([record])),
    ]
    cases = [_reply(bilingual(en, zh), reply, visible=True) for en, zh, reply in examples]
    cases += [_reply(bilingual(en, zh), reply) for en, zh, reply in hidden]
    return with_hints(cases, HINTS)
