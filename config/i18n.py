"""The reader's language, in one place: which language is active and how a bilingual value is read in it.

Every app and page asks these instead of testing the language code itself. Texts come in three bilingual
shapes: model fields `<name>_en` / `<name>_zh`, dicts with the same keys (plan weeks, summaries), and the
bank's `{"en": ..., "zh": ...}` pairs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language


def is_zh() -> bool:
    """True while Simplified Chinese is active (the request's language, or one set with translation.override)."""
    return (get_language() or "en").startswith("zh")


def field(obj: Any, name: str) -> Any:
    """`obj.<name>_zh` when Chinese is active, else `obj.<name>_en` (model fields kept in both languages)."""
    return getattr(obj, f"{name}_zh" if is_zh() else f"{name}_en")


def bilingual(obj: dict[str, Any], key: str = "title") -> str:
    """`obj["<key>_zh"]` when Chinese is active and it is not empty, else `obj["<key>_en"]`."""
    return obj.get(f"{key}_zh" if is_zh() else f"{key}_en", "") or obj.get(f"{key}_en", "")


def pick(text: Any) -> str:
    """A bank text in the active language: an `{en, zh}` pair (English when the Chinese is missing) or plain text."""
    if isinstance(text, dict):
        return str(text.get("zh") if is_zh() and text.get("zh") else text.get("en", ""))
    return "" if text is None else str(text)


def error_lines(exc: ValidationError, wording: Mapping[str, Any] | None = None) -> list[str]:
    """A service's ValidationError as the lines a reader reads, in the active language.

    Services raise translated messages with a code and params; `wording` (code -> message) rewords some of them
    for a page, whose form speaks of its controls where the API speaks of its fields.
    """
    errors = [e for field in exc.error_dict.values() for e in field] if hasattr(exc, "error_dict") else exc.error_list
    lines = []
    for error in errors:
        message = wording[error.code] if wording and error.code in wording else error.message
        lines.append(str(message % error.params if error.params else message))
    return lines
