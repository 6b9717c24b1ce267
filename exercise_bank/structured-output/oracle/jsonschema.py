"""structured-output with the validation delegated to the jsonschema library (Draft 2020-12).

No library does the repairs the statement lists, so they are the reference's; what this oracle proves is that the
statement's schema subset (keywords, what each applies to, 1.0 as an integer, true never a number, pointers)
agrees with JSON Schema itself.
"""

from jsonschema import Draft202012Validator
from reference import repair


def parse_structured(reply, schema):
    parsed, value, repairs = repair(reply)
    if not parsed:
        return {"value": None, "repairs": repairs, "errors": [["", "json"]], "valid": False}
    found = {
        ("".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path), error.validator)
        for error in Draft202012Validator(schema).iter_errors(value)
    }
    errors = sorted([list(pair) for pair in found])
    return {"value": value, "repairs": repairs, "errors": errors, "valid": not errors}
