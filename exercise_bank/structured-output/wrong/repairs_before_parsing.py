# Mistake: the repairs run on every reply, even one that already parses, so a valid top-level array is cut down to
# its first object and valid replies report repairs.
import json
import re

FENCE = re.compile(r"```[^\n]*\n?(.*?)(?:```|\Z)", re.DOTALL)
WORD_CHAR = re.compile(r"\w")
LITERALS = {"True": "true", "False": "false", "None": "null"}


def scan(text):
    """For each character, whether it belongs to a double-quoted string (quotes included); and whether the
    text ends inside an unclosed string."""
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


# --- the repairs, in the order they are tried ------------------------------------------------------


def code_fence(text):
    """The content of the first ``` fenced block (to the end of the text if it is never closed)."""
    match = FENCE.search(text)
    return match.group(1) if match else text


def extract_object(text):
    """From the first { to the } that closes it (to the end of the text if none does)."""
    start = text.find("{")
    if start < 0:
        return text
    flags, _ = scan(text)
    depth = 0
    for index in range(start, len(text)):
        if flags[index]:
            continue
        if text[index] in "{[":
            depth += 1
        elif text[index] in "}]":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return text[start:]


def single_quotes(text):
    """'...' strings outside double-quoted ones become "..." (an inner " is escaped, an inner \\' unescaped)."""
    out, index, inside = [], 0, False
    while index < len(text):
        char = text[index]
        if inside:
            out.append(char)
            if char == "\\" and index + 1 < len(text):
                out.append(text[index + 1])
                index += 1
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
            out.append(char)
        elif char == "'":
            end, body = index + 1, []
            while end < len(text) and text[end] != "'":
                if text[end] == "\\" and end + 1 < len(text):
                    body.append("'" if text[end + 1] == "'" else text[end : end + 2])
                    end += 2
                    continue
                body.append('\\"' if text[end] == '"' else text[end])
                end += 1
            out.append('"' + "".join(body) + '"')
            index = end  # at the closing quote (or the end of the text)
        else:
            out.append(char)
        index += 1
    return "".join(out)


def python_literals(text):
    """True, False and None as whole words outside strings become true, false and null."""
    flags, _ = scan(text)
    out, index = [], 0
    while index < len(text):
        for word, replacement in LITERALS.items():
            end = index + len(word)
            if (
                not flags[index]
                and text.startswith(word, index)
                and (index == 0 or not WORD_CHAR.match(text[index - 1]))
                and (end == len(text) or not WORD_CHAR.match(text[end]))
            ):
                out.append(replacement)
                index = end
                break
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def close_brackets(text):
    """Close an unclosed string, then every bracket still open, innermost first."""
    flags, inside = scan(text)
    stack = []
    for index, char in enumerate(text):
        if flags[index]:
            continue
        if char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]" and stack:
            stack.pop()
    return text + ('"' if inside else "") + "".join(reversed(stack))


def trailing_commas(text):
    """A comma outside strings whose next non-space character is } or ] is dropped."""
    flags, _ = scan(text)
    out = []
    for index, char in enumerate(text):
        if char == "," and not flags[index] and text[index + 1 :].lstrip()[:1] in ("}", "]"):
            continue
        out.append(char)
    return "".join(out)


REPAIRS = (code_fence, extract_object, single_quotes, python_literals, close_brackets, trailing_commas)


def repair(reply):
    """(parsed?, value, names of the repairs that changed the text); repairs run only if the reply is not JSON."""
    text, applied = reply.strip(), []
    for step in REPAIRS:
        fixed = step(text).strip()  # surrounding whitespace never counts as a change
        if fixed != text:
            applied.append(step.__name__)
            text = fixed
    try:
        return True, json.loads(text), applied
    except ValueError:
        return False, None, applied


# --- validation against the schema subset ------------------------------------------------------------


def is_type(value, name):
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False  # true is not a number in JSON
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def same(a, b):
    """JSON equality: true is not 1, but 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_type(a, "number") and is_type(b, "number"):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    return type(a) is type(b) and a == b


def pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def validate(value, schema, path=()):
    """The (pointer, keyword) of every keyword that fails; each keyword only looks at the types it applies to."""
    errors = set()
    where = pointer(path)
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(is_type(value, name) for name in names):
            errors.add((where, "type"))
    if "enum" in schema and not any(same(value, option) for option in schema["enum"]):
        errors.add((where, "enum"))
    if is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.add((where, "minimum"))
        if "maximum" in schema and value > schema["maximum"]:
            errors.add((where, "maximum"))
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.add((where, "minLength"))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.add((where, "maxLength"))
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.add((where, "minItems"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.add((where, "maxItems"))
        if "items" in schema:
            for index, item in enumerate(value):
                errors |= validate(item, schema["items"], (*path, index))
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        if any(key not in value for key in schema.get("required", [])):
            errors.add((where, "required"))
        if schema.get("additionalProperties") is False and any(key not in properties for key in value):
            errors.add((where, "additionalProperties"))
        for key, subschema in properties.items():
            if key in value:
                errors |= validate(value[key], subschema, (*path, key))
    return errors


def parse_structured(reply: str, schema: dict) -> dict:
    """Parse a model's JSON reply, repairing the listed breakages, and validate it against the schema."""
    parsed, value, repairs = repair(reply)
    if not parsed:
        return {"value": None, "repairs": repairs, "errors": [["", "json"]], "valid": False}
    errors = sorted([list(error) for error in validate(value, schema)])
    return {"value": value, "repairs": repairs, "errors": errors, "valid": not errors}
