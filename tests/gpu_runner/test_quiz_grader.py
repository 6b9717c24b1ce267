"""Quiz grading through run_job: one check per question (its verdict only), explanations in the metrics,
score = fraction right."""

from __future__ import annotations

import re

import pytest

from gpu_runner.bank import Bank, BankError
from gpu_runner.graders.quiz import (
    ANSWERS_NOT_A_MAPPING,
    CHOICE_EXPECTED,
    CORRECT,
    MULTI_EXPECTED,
    NOT_ANSWERED,
    NUMBER_EXPECTED,
    NUMBER_TOO_LARGE,
    WRONG,
    numeric_tolerance,
    verdict_of,
)
from gpu_runner.run import run_job
from gpu_runner.spec import ExerciseRef, JobSpec
from gpu_runner.texts import english, message
from tests.gpu_runner.test_bank import HALF_OF_SEVEN, write_exercise

QUIZ = {
    "questions": [
        {
            "id": "q1",
            "type": "choice",
            "prompt": {"en": "Which is a GPU's strength?", "zh": "GPU 擅长什么？"},
            "options": [
                {"id": "a", "text": {"en": "Branchy serial code", "zh": "分支多的串行代码"}},
                {"id": "b", "text": {"en": "Many identical operations", "zh": "大量相同的运算"}},
            ],
            "answer": "b",
            "explanation": {"en": "Thousands of simple cores.", "zh": "成千上万个简单核心。"},
        },
        {
            "id": "q2",
            "type": "multi",
            "prompt": {"en": "Which are even?", "zh": "哪些是偶数？"},
            "options": [
                {"id": "a", "text": {"en": "2", "zh": "2"}},
                {"id": "b", "text": {"en": "3", "zh": "3"}},
                {"id": "c", "text": {"en": "4", "zh": "4"}},
            ],
            "answer": ["a", "c"],
            "explanation": {"en": "2 and 4 divide by 2.", "zh": "2 和 4 能被 2 整除。"},
        },
        {**HALF_OF_SEVEN, "id": "q3"},
        {
            "id": "q4",
            "type": "numeric",
            "prompt": {"en": "2 + 2?", "zh": "2 + 2？"},
            "answer": 4,
            "explanation": {"en": "Four.", "zh": "四。"},
        },
    ]
}
RELATIVE = {
    "id": "q5",
    "type": "numeric",
    "prompt": {"en": "Parameters of BERT-base?", "zh": "BERT-base 的参数量？"},
    "answer": 110_000_000,
    "relative_tolerance": 0.05,
    "tolerance": 1,
    "explanation": {"en": "About 110 million.", "zh": "约 1.1 亿。"},
}


def write_quiz(tmp_path, questions):
    meta = {
        "kind": "quiz",
        "entry": None,
        "milestone": "cpu-vs-gpu",
        "title": {"en": "Basics", "zh": "基础"},
        "pass_threshold": 0.75,
    }
    write_exercise(tmp_path, "quiz-basics", meta=meta, quiz={"questions": questions})
    return Bank([tmp_path])


@pytest.fixture
def quiz_bank(tmp_path):
    return write_quiz(tmp_path, QUIZ["questions"])


def grade(bank, answers):
    exercise = bank.get("quiz-basics")
    spec = JobSpec(
        job_id="quiz-1",
        kind="quiz",
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"answers": answers},
    )
    return run_job(spec, bank=bank)


def test_all_right_answers_pass_with_explanations_in_the_metrics_only(quiz_bank):
    result = grade(quiz_bank, {"q1": "b", "q2": ["c", "a"], "q3": 3.5, "q4": 4})
    assert result.status == "passed"
    assert result.score == 1.0
    assert [(c.name, c.passed, c.message) for c in result.checks] == [
        ("q1", True, CORRECT),
        ("q2", True, CORRECT),
        ("q3", True, CORRECT),
        ("q4", True, CORRECT),
    ]
    assert result.metrics["questions"] == {
        "q1": {"correct": True, "explanation": {"en": "Thousands of simple cores.", "zh": "成千上万个简单核心。"}},
        "q2": {"correct": True, "explanation": {"en": "2 and 4 divide by 2.", "zh": "2 和 4 能被 2 整除。"}},
        "q3": {"correct": True, "explanation": {"en": "7 / 2 = 3.5.", "zh": "7 / 2 = 3.5。"}},
        "q4": {"correct": True, "explanation": {"en": "Four.", "zh": "四。"}},
    }
    assert result.metrics["right"] == 4
    assert result.error is None


def test_no_check_message_carries_an_explanation(quiz_bank):
    """A wrong answer's message must not give the right one away: the explanations stay in the metrics."""
    result = grade(quiz_bank, {"q1": "a", "q2": ["b"], "q3": 1, "q4": 5})
    explanations = [text for q in QUIZ["questions"] for text in q["explanation"].values()]
    assert [c.message for c in result.checks] == [WRONG, WRONG, WRONG, WRONG]
    assert not [text for text in explanations for c in result.checks if text in c.message]
    assert result.metrics["questions"]["q1"] == {
        "correct": False,
        "explanation": {"en": "Thousands of simple cores.", "zh": "成千上万个简单核心。"},
    }


def test_score_is_the_fraction_right_and_threshold_decides(quiz_bank):
    three = grade(quiz_bank, {"q1": "b", "q2": ["a", "c"], "q3": 3.509, "q4": 5})
    assert (three.status, three.score) == ("passed", 0.75)
    two = grade(quiz_bank, {"q1": "a", "q2": ["a", "c"], "q3": 3.52, "q4": 4})
    assert (two.status, two.score) == ("failed", 0.5)
    assert [c.passed for c in two.checks] == [False, True, False, True]
    assert two.checks[0].message == WRONG


def test_multi_needs_exactly_the_right_set(quiz_bank):
    result = grade(quiz_bank, {"q2": ["a"]})
    assert result.checks[1].passed is False
    result = grade(quiz_bank, {"q2": ["a", "b", "c"]})
    assert result.checks[1].passed is False


def test_missing_and_malformed_answers_are_wrong_not_errors(quiz_bank):
    result = grade(quiz_bank, {"q1": ["b"], "q3": "three and a half", "q4": "4"})
    assert result.status == "failed"
    assert result.score == 0.25
    assert result.checks[0].message == f"{WRONG} {CHOICE_EXPECTED}"
    assert result.checks[1].message == NOT_ANSWERED
    assert result.checks[2].message == f"{WRONG} {NUMBER_EXPECTED}"
    assert result.checks[3].passed is True  # a number typed as text still counts


def test_numeric_rejects_booleans_and_non_finite_numbers(quiz_bank):
    result = grade(quiz_bank, {"q3": True, "q4": float("inf")})
    assert [c.passed for c in result.checks[2:]] == [False, False]


def test_a_number_too_large_for_a_float_is_a_wrong_answer_not_an_error(quiz_bank):
    result = grade(quiz_bank, {"q1": "b", "q2": ["a", "c"], "q3": 10**400, "q4": -(10**400)})
    assert (result.status, result.error) == ("failed", None)
    assert [(c.passed, c.message) for c in result.checks[2:]] == [
        (False, "Wrong. The number is too large to compare."),
        (False, f"{WRONG} {NUMBER_TOO_LARGE}"),
    ]
    as_text = grade(quiz_bank, {"q3": "9" * 401, "q4": "-1e999"})
    assert [c.message for c in as_text.checks[2:]] == [f"{WRONG} {NUMBER_TOO_LARGE}"] * 2
    assert grade(quiz_bank, {"q3": "inf"}).checks[2].message == f"{WRONG} {NUMBER_EXPECTED}"
    assert verdict_of(result.checks[2].message, False) == "Wrong. The number is too large to compare."


def test_answers_that_are_not_a_mapping_give_an_internal_error(quiz_bank):
    result = grade(quiz_bank, ["b"])
    assert result.status == "error"
    assert result.error.code == "internal"
    assert result.error.message.endswith(ANSWERS_NOT_A_MAPPING)


def test_quiz_result_has_usage_and_runtime_but_no_heavy_imports(quiz_bank):
    result = grade(quiz_bank, {"q1": "b"})
    assert set(result.usage) >= {"wall_s", "cpu_s"}
    assert {"host", "device", "python", "numpy", "sklearn"} <= set(result.runtime)


@pytest.mark.parametrize(
    ("message", "passed", "verdict"),
    [
        (CORRECT, True, CORRECT),
        (f"{WRONG} {NUMBER_EXPECTED}", False, f"{WRONG} {NUMBER_EXPECTED}"),
        # As stored before explanations left the messages: the verdict, then the English explanation.
        (f"{WRONG} {CHOICE_EXPECTED} Thousands of simple cores.", False, f"{WRONG} {CHOICE_EXPECTED}"),
        (f"{WRONG} Thousands of simple cores.", False, WRONG),
        (f"{NOT_ANSWERED} 2 and 4 divide by 2.", False, NOT_ANSWERED),
        (f"{CORRECT} Four.", True, CORRECT),
        ("Wrongly stored text", False, WRONG),
        ("", True, CORRECT),
    ],
)
def test_verdict_of_keeps_only_the_verdict(message, passed, verdict):
    assert verdict_of(message, passed) == verdict


def test_multi_is_right_in_any_order_and_wrong_with_an_unknown_or_missing_option(quiz_bank):
    assert [grade(quiz_bank, {"q2": answer}).checks[1].passed for answer in (["c", "a"], ["a", "c"])] == [True, True]
    assert grade(quiz_bank, {"q2": ["a", "c", "z"]}).checks[1].message == WRONG
    assert grade(quiz_bank, {"q2": ["c"]}).checks[1].message == WRONG
    assert grade(quiz_bank, {"q2": "a"}).checks[1].message == f"{WRONG} {MULTI_EXPECTED}"
    assert grade(quiz_bank, {"q2": ["a", 3]}).checks[1].message == f"{WRONG} {MULTI_EXPECTED}"


@pytest.mark.parametrize(
    ("answer", "right"),
    [(3.5, True), (3.51, True), (3.489, False), (3.52, False), (" 3.5 ", True), ("3.5e0", True), ("3,5", False)],
)
def test_numeric_answers_within_the_absolute_tolerance_are_right(quiz_bank, answer, right):
    assert grade(quiz_bank, {"q3": answer}).checks[2].passed is right


def test_a_numeric_answer_with_no_tolerance_must_be_exact_up_to_rounding(quiz_bank):
    assert grade(quiz_bank, {"q4": 0.1 * 40}).checks[3].passed is True
    assert grade(quiz_bank, {"q4": 4.000001}).checks[3].passed is False


@pytest.mark.parametrize(
    ("answer", "right"), [(110_000_000, True), (105_000_000, True), (115_400_000, True), (104_000_000, False)]
)
def test_a_relative_tolerance_is_a_fraction_of_the_answer(tmp_path, answer, right):
    bank = write_quiz(tmp_path, [RELATIVE])
    assert grade(bank, {"q5": answer}).checks[0].passed is right
    assert numeric_tolerance(RELATIVE) == pytest.approx(5_500_000)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"relative_tolerance": -0.1}, "field relative_tolerance must be a number >= 0"),
        ({"relative_tolerance": 5}, "field relative_tolerance is a fraction (0.05 is 5%), below 1"),
        ({"tolerance": "0.1"}, "field tolerance must be a number >= 0"),
        ({"answer": "110"}, "field answer must be a number"),
    ],
)
def test_a_numeric_question_with_a_bad_tolerance_does_not_load(tmp_path, change, error):
    bank = write_quiz(tmp_path, [{**RELATIVE, **change}])
    with pytest.raises(BankError, match=re.escape(error)):
        bank.get("quiz-basics")


def test_a_multi_question_whose_answer_repeats_an_option_does_not_load(tmp_path):
    bank = write_quiz(tmp_path, [{**QUIZ["questions"][1], "answer": ["a", "a"]}])
    with pytest.raises(BankError, match="list of distinct option ids"):
        bank.get("quiz-basics")


def test_verdicts_carry_their_message_keys(quiz_bank):
    result = grade(quiz_bank, {"q1": "b", "q2": "a", "q3": "x"})
    assert [c.message_i18n for c in result.checks] == [
        message("quiz.correct"),
        message("quiz.multi_expected"),
        message("quiz.number_expected"),
        message("quiz.not_answered"),
    ]
    assert all(english(c.message_i18n) == c.message for c in result.checks)
