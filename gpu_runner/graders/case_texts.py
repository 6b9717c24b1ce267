"""The bilingual texts graders write for their cases: a case's name or hint, or a check's message, as
`{"en": ..., "zh": ...}`; the wording every exercise uses for a case that must raise ValueError, and the name of
the case that is the statement's own example."""

from __future__ import annotations


def bilingual(en: str, zh: str) -> dict[str, str]:
    """A case's name or hint, or a check's message, in English and Chinese."""
    return {"en": en, "zh": zh}


RAISE_VALUE_ERROR = bilingual("raise ValueError", "抛出 ValueError")
STATEMENT_EXAMPLE = bilingual("statement example", "题目示例")


def raises_value_error(en: str, zh: str) -> dict[str, str]:
    """The name of a case that must raise ValueError, from the situation in each language:
    ("an empty sample", "空样本") gives "an empty sample raises ValueError" / "空样本时抛出 ValueError". A Chinese
    situation that ends in Latin text or a number ends with a space, so that it stands apart from 时 ("k = 0 ")."""
    return bilingual(f"{en} raises ValueError", f"{zh}时抛出 ValueError")


def not_a_tuple(got: object, parts: tuple[str, ...]) -> dict[str, str] | None:
    """A check's message for a result that must be a tuple of `parts` (a list of as many is taken too) and is not,
    or None when it is: ("tags", "log_probability") gives "return a tuple (tags, log_probability)"."""
    if isinstance(got, (tuple, list)) and len(got) == len(parts):
        return None
    shown = f"({', '.join(parts)})"
    return bilingual(f"return a tuple {shown}", f"应返回元组 {shown}")
