"""structured-output with the validation delegated to the jsonschema library (Draft 2020-12).

There is no standard library for the repairs the statement lists, so they are written out here as the
statement defines them; what this oracle proves is that the statement's schema subset (keywords, what
each applies to, 1.0 as an integer, true never a number, pointers) agrees with JSON Schema itself.
"""

import json
import re

from jsonschema import Draft202012Validator

FENCE = re.compile(r"```[^\n]*\n?(.*?)(?:```|\Z)", re.DOTALL)


def _in_string(text):
    flags, inside, escaped = [], False, False
    for char in text:
        if inside:
            flags.append(True)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
        else:
            inside = char == '"'
            flags.append(inside)
    return flags, inside


def _fence(text):
    match = FENCE.search(text)
    return match.group(1) if match else text


def _extract(text):
    start = text.find("{")
    if start < 0:
        return text
    flags, _ = _in_string(text)
    depth = 0
    for i in range(start, len(text)):
        if not flags[i] and text[i] in "{[":
            depth += 1
        elif not flags[i] and text[i] in "}]":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    return text[start:]


def _single_quotes(text):
    out, i, inside = [], 0, False
    while i < len(text):
        c = text[i]
        if inside:
            out.append(c)
            if c == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                inside = False
        elif c == '"':
            inside = True
            out.append(c)
        elif c == "'":
            j, body = i + 1, []
            while j < len(text) and text[j] != "'":
                if text[j] == "\\" and j + 1 < len(text):
                    body.append("'" if text[j + 1] == "'" else text[j : j + 2])
                    j += 2
                else:
                    body.append('\\"' if text[j] == '"' else text[j])
                    j += 1
            out.append('"' + "".join(body) + '"')
            i = j
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _literals(text):
    flags, _ = _in_string(text)
    pattern = re.compile(r"(?<!\w)(True|False|None)(?!\w)")
    mapping = {"True": "true", "False": "false", "None": "null"}
    return pattern.sub(lambda m: mapping[m.group(1)] if not flags[m.start()] else m.group(1), text)


def _close(text):
    flags, inside = _in_string(text)
    stack = []
    for i, c in enumerate(text):
        if not flags[i] and c in "{[":
            stack.append("}" if c == "{" else "]")
        elif not flags[i] and c in "}]" and stack:
            stack.pop()
    return text + ('"' if inside else "") + "".join(reversed(stack))


def _commas(text):
    flags, _ = _in_string(text)
    return "".join(
        c for i, c in enumerate(text) if not (c == "," and not flags[i] and text[i + 1 :].lstrip()[:1] in ("}", "]"))
    )


STEPS = (
    ("code_fence", _fence),
    ("extract_object", _extract),
    ("single_quotes", _single_quotes),
    ("python_literals", _literals),
    ("close_brackets", _close),
    ("trailing_commas", _commas),
)


def parse_structured(reply, schema):
    try:
        value, repairs = json.loads(reply), []
    except ValueError:
        text, repairs = reply.strip(), []
        for name, step in STEPS:
            fixed = step(text).strip()
            if fixed != text:
                repairs.append(name)
                text = fixed
        try:
            value = json.loads(text)
        except ValueError:
            return {"value": None, "repairs": repairs, "errors": [["", "json"]], "valid": False}
    found = {
        ("".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path), error.validator)
        for error in Draft202012Validator(schema).iter_errors(value)
    }
    errors = sorted([list(pair) for pair in found])
    return {"value": value, "repairs": repairs, "errors": errors, "valid": not errors}
