"""The API's JSON parser: DRF's, with bounds on what a body may hold.

A body of 100,000 nested brackets made Python's decoder raise RecursionError, and an integer such as 10**30
passed every field and overflowed SQLite's INTEGER in a query: both were 500s, one of them to anonymous users
(`/api/v1/auth/token/`). Here they are a 400 with a message before any view sees the data.
"""

from __future__ import annotations

import codecs
import math
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json

from config.bounds import MAX_JSON_DEPTH, MAX_JSON_INT

JSON_TOO_DEEP = _("JSON parse error: the body is nested deeper than %(limit)s levels.")
JSON_INT_OUT_OF_RANGE = _("JSON parse error: an integer is outside the accepted range (-%(limit)s to %(limit)s).")
JSON_NUMBER_NOT_FINITE = _("JSON parse error: a number is too large to represent.")


class _OutOfBounds(Exception):
    def __init__(self, message: Any) -> None:
        self.message = message
        super().__init__(str(message))


def _bounded_int(text: str) -> int:
    # Checked on the digits first: int() of a 5,000-digit string is itself slow (and refused past 4,300 digits).
    if len(text.lstrip("-")) > len(str(MAX_JSON_INT)) or abs(value := int(text)) > MAX_JSON_INT:
        raise _OutOfBounds(JSON_INT_OUT_OF_RANGE % {"limit": MAX_JSON_INT})
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 decodes to inf, which no field or database column can hold
        raise _OutOfBounds(JSON_NUMBER_NOT_FINITE)
    return value


def json_depth_check(data: Any, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise ParseError when `data` nests lists and objects deeper than `limit` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise ParseError(JSON_TOO_DEEP % {"limit": limit})
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


class BoundedJSONParser(JSONParser):
    """JSON with at most MAX_JSON_DEPTH levels, 64-bit integers and finite numbers; anything else is a ParseError
    (400 with its message). NaN and Infinity literals stay refused (DRF's strict mode)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        encoding = get_encoding(parser_context or {})
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=json.strict_constant,
                parse_int=_bounded_int,
                parse_float=_finite_float,
            )
        except RecursionError:
            # The C decoder recurses once per level and stops at the interpreter's limit (about 1,000).
            raise ParseError(JSON_TOO_DEEP % {"limit": MAX_JSON_DEPTH}) from None
        except _OutOfBounds as exc:
            raise ParseError(exc.message) from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None  # DRF's own wording
        if isinstance(data, dict | list):
            json_depth_check(data)
        return data
