"""Grades a quiz against its server-side quiz.yaml. It runs no learner code, so no sandbox is needed.

Payload: `{"answers": {"q1": "b", "q2": ["a", "c"], "q3": 3.5}}`. Each question is one check, right or
wrong as a whole (a multi question needs exactly the right set, in any order; a numeric one a finite number, or a
string that parses as one, within its `tolerance` or `relative_tolerance`); the score is the fraction right. A
check's message is only its verdict; the explanations (both languages) live in `metrics["questions"]`, which the
platform stores in full and shows a learner only once they passed the quiz (an explanation gives the right answer
away; mentors and staff always see them).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from gpu_runner.spec import Check, JobResult
from gpu_runner.texts import message

NOT_ANSWERED = "Not answered."
ANSWERS_NOT_A_MAPPING = "The submission has no answers (payload field `answers` must map question ids to answers)."
CORRECT = "Correct."
WRONG = "Wrong."
CHOICE_EXPECTED = "Answer with one option id."
MULTI_EXPECTED = "Answer with a list of option ids."
NUMBER_EXPECTED = "Answer with a number."
NUMBER_TOO_LARGE = "The number is too large to compare."
VERDICT_KEYS = {
    CORRECT: "quiz.correct",
    WRONG: "quiz.wrong",
    NOT_ANSWERED: "quiz.not_answered",
    f"{WRONG} {CHOICE_EXPECTED}": "quiz.choice_expected",
    f"{WRONG} {MULTI_EXPECTED}": "quiz.multi_expected",
    f"{WRONG} {NUMBER_EXPECTED}": "quiz.number_expected",
    f"{WRONG} {NUMBER_TOO_LARGE}": "quiz.number_too_large",
}
# Longest first: "Wrong. Answer with a number." must not be read as "Wrong." followed by other text.
VERDICTS = (
    f"{WRONG} {CHOICE_EXPECTED}",
    f"{WRONG} {MULTI_EXPECTED}",
    f"{WRONG} {NUMBER_EXPECTED}",
    f"{WRONG} {NUMBER_TOO_LARGE}",
    NOT_ANSWERED,
    CORRECT,
    WRONG,
)


def run(spec: Any, exercise: Any, *, on_event: Callable[[dict], None] | None = None) -> JobResult:
    answers = spec.payload.get("answers")
    if not isinstance(answers, dict):
        return JobResult.failure(spec.job_id, "internal", ANSWERS_NOT_A_MAPPING)
    checks = []
    details = {}
    for question in exercise.questions:
        qid = question["id"]
        right, verdict = grade_answer(question, answers.get(qid))
        checks.append(Check(qid, right, verdict, message_i18n=message(VERDICT_KEYS[verdict])))
        details[qid] = {"correct": right, "explanation": dict(question["explanation"])}
    right_count = sum(check.passed for check in checks)
    score = right_count / len(checks)
    status = "passed" if score >= exercise.pass_threshold - 1e-9 else "failed"
    return JobResult(
        job_id=spec.job_id,
        status=status,
        score=score,
        checks=checks,
        metrics={"questions": details, "right": right_count, "total": len(checks)},
    )


def grade_answer(question: dict[str, Any], answer: Any) -> tuple[bool, str]:
    """(right?, a short verdict) for one answer; wrong types are wrong answers, never errors."""
    if answer is None or answer == "" or answer == []:
        return False, NOT_ANSWERED
    qtype = question["type"]
    expected = question["answer"]
    if qtype == "choice":
        if not isinstance(answer, str):
            return False, f"{WRONG} {CHOICE_EXPECTED}"
        return (True, CORRECT) if answer == expected else (False, WRONG)
    if qtype == "multi":
        if not isinstance(answer, list) or not all(isinstance(one, str) for one in answer):
            return False, f"{WRONG} {MULTI_EXPECTED}"
        return (True, CORRECT) if set(answer) == set(expected) else (False, WRONG)
    try:
        value = _number(answer)
    except OverflowError:  # an integer past float's range (a 401-digit answer): a wrong answer, not a fault
        return False, f"{WRONG} {NUMBER_TOO_LARGE}"
    if value is None:
        return False, f"{WRONG} {NUMBER_EXPECTED}"
    if abs(value - float(expected)) <= numeric_tolerance(question):
        return True, CORRECT
    return False, WRONG


def numeric_tolerance(question: dict[str, Any]) -> float:
    """How far a numeric answer may be from the right one: the larger of `tolerance` (absolute) and
    `relative_tolerance` (a fraction of the answer), plus a rounding margin so that 0.1 + 0.2 counts as 0.3."""
    expected = abs(float(question["answer"]))
    absolute = float(question.get("tolerance", 0))
    relative = float(question.get("relative_tolerance", 0)) * expected
    return max(absolute, relative) + 1e-12 * max(1.0, expected)


def verdict_of(message: str, passed: bool) -> str:
    """The verdict a quiz check message starts with. Results graded before explanations left the messages
    carry the English explanation after it; a message with no known verdict reads as Correct/Wrong."""
    for verdict in VERDICTS:
        if message == verdict or message.startswith(f"{verdict} "):
            return verdict
    return CORRECT if passed else WRONG


def _number(answer: Any) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        value = float(answer)
    elif isinstance(answer, str):
        try:
            value = float(answer.strip())
        except ValueError:
            return None
        if math.isinf(value) and "inf" not in answer.lower():
            raise OverflowError("a number past float's range")  # "1e999", 401 digits: as large as an int can be
    else:
        return None
    return value if math.isfinite(value) else None
