"""Recall cards of a milestone in the curriculum YAML: short bilingual question/answer pairs that enter the
learner's spaced review once the milestone is done.

    recall:
      - front: {en: "What does BPE merge at each step?", zh: "BPE 每一步合并什么？"}
        back: {en: "The most frequent adjacent pair of symbols.", zh: "出现最频繁的相邻符号对。"}
"""

from __future__ import annotations

from typing import Any

MAX_RECALL_CARDS = 12
MAX_SIDE_CHARS = 500


def parse_recall(errors: list[str], file: str, where: str, raw: Any) -> list[dict[str, dict[str, str]]]:
    """The milestone's cards, each side `{en, zh}` non-empty and short; every problem is appended to `errors`."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append(f"{file}: {where}: 'recall' must be a list of cards with 'front' and 'back'")
        return []
    if len(raw) > MAX_RECALL_CARDS:
        errors.append(f"{file}: {where}: at most {MAX_RECALL_CARDS} recall cards, got {len(raw)}")
    cards = []
    for n, card in enumerate(raw, start=1):
        if not isinstance(card, dict) or set(card) != {"front", "back"}:
            errors.append(f"{file}: {where}: recall card #{n} must have exactly 'front' and 'back'")
            continue
        sides = {
            side: _side(errors, file, f"{where}: recall card #{n} {side}", card[side]) for side in ("front", "back")
        }
        if all(sides.values()):
            cards.append(sides)
    return cards


def _side(errors: list[str], file: str, where: str, value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict) or set(value) != {"en", "zh"}:
        errors.append(f"{file}: {where} must be a mapping with exactly 'en' and 'zh'")
        return None
    out = {}
    for lang in ("en", "zh"):
        text = value[lang]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{file}: {where}.{lang} is missing or empty")
            return None
        if len(text) > MAX_SIDE_CHARS:
            errors.append(f"{file}: {where}.{lang} is longer than {MAX_SIDE_CHARS} characters")
            return None
        out[lang] = text.strip()
    return out
