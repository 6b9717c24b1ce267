"""A quiz's questions (`quiz.yaml`) and the bilingual text fields every exercise has: what makes them valid.

questions:
  - {id: q1, type: choice, prompt: {en, zh}, options: [{id, text: {en, zh}}, ...], answer: b,
     explanation: {en, zh}}
  - {id: q2, type: multi, ..., answer: [a, c]}
  - {id: q3, type: numeric, prompt: {en, zh}, answer: 4, tolerance: 0.01, explanation: {en, zh}}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gpu_runner.bank_files import BankError, read_yaml

LANGUAGES: tuple[str, ...] = ("en", "zh")
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
QUESTION_TYPES: tuple[str, ...] = ("choice", "multi", "numeric")


def i18n_field(file: Path, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BankError(f"{file}: field {key} must be a mapping {{en: ..., zh: ...}}, got {value!r}")
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise BankError(f"{file}: field {key}.{lang} must be a non-empty string, got {text!r}")
    return {lang: value[lang] for lang in LANGUAGES}


def parse_questions(file: Path) -> list[dict[str, Any]]:
    if not file.is_file():
        raise BankError(f"{file.parent}: missing quiz.yaml (required for kind quiz)")
    data = read_yaml(file)
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise BankError(f"{file}: must have a non-empty list `questions`")
    seen: set[str] = set()
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            raise BankError(f"{file}: questions[{index}] must be a mapping")
        qid = question.get("id")
        label = f"{file}: question {qid!r}" if isinstance(qid, str) else f"{file}: questions[{index}]"
        if not isinstance(qid, str) or not IDENT_RE.match(qid):
            raise BankError(f"{label}: field id must be an identifier such as q1, got {qid!r}")
        if qid in seen:
            raise BankError(f"{label}: duplicate id")
        seen.add(qid)
        _question(file, label, qid, question)
    return questions


def _question(file: Path, label: str, qid: str, question: dict[str, Any]) -> None:
    qtype = question.get("type")
    if qtype not in QUESTION_TYPES:
        raise BankError(f"{label}: field type must be one of {', '.join(QUESTION_TYPES)}, got {qtype!r}")
    i18n_field(file, f"questions[{qid}].prompt", question.get("prompt"))
    i18n_field(file, f"questions[{qid}].explanation", question.get("explanation"))
    if "answer" not in question:
        raise BankError(f"{label}: missing field answer")
    if qtype == "numeric":
        _numeric_answer(label, question)
    else:
        _option_answer(file, label, qid, qtype, question)


def _numeric_answer(label: str, question: dict[str, Any]) -> None:
    answer = question["answer"]
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise BankError(f"{label}: field answer must be a number, got {answer!r}")
    for key in ("tolerance", "relative_tolerance"):
        tolerance = question.get(key, 0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
            raise BankError(f"{label}: field {key} must be a number >= 0, got {tolerance!r}")
    if question.get("relative_tolerance", 0) >= 1:
        raise BankError(f"{label}: field relative_tolerance is a fraction (0.05 is 5%), below 1")


def _option_answer(file: Path, label: str, qid: str, qtype: str, question: dict[str, Any]) -> None:
    options = question.get("options")
    if not isinstance(options, list) or len(options) < 2:
        raise BankError(f"{label}: field options must list at least two options")
    ids = []
    for option in options:
        if not isinstance(option, dict) or not isinstance(option.get("id"), str):
            raise BankError(f"{label}: every option needs an id, got {option!r}")
        i18n_field(file, f"questions[{qid}].options[{option['id']}].text", option.get("text"))
        ids.append(option["id"])
    if len(set(ids)) != len(ids):
        raise BankError(f"{label}: duplicate option ids {ids}")
    answer = question["answer"]
    if qtype == "multi" and (not isinstance(answer, list) or not answer or len(set(answer)) != len(answer)):
        raise BankError(f"{label}: field answer must be a non-empty list of distinct option ids, got {answer!r}")
    for one in [answer] if qtype == "choice" else answer:
        if one not in ids:
            raise BankError(f"{label}: answer {one!r} is not one of the option ids {ids}")
