"""Quiz grading through run_job: one check per question (its verdict only), explanations in the metrics,
score = fraction right."""

from __future__ import annotations

import pytest
import yaml

from gpu_runner.bank import Bank
from gpu_runner.graders.quiz import (
    ANSWERS_NOT_A_MAPPING,
    CHOICE_EXPECTED,
    CORRECT,
    NOT_ANSWERED,
    NUMBER_EXPECTED,
    WRONG,
    verdict_of,
)
from gpu_runner.run import run_job
from gpu_runner.spec import ExerciseRef, JobSpec

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
        {
            "id": "q3",
            "type": "numeric",
            "prompt": {"en": "Half of 7?", "zh": "7 的一半？"},
            "answer": 3.5,
            "tolerance": 0.01,
            "explanation": {"en": "7 / 2 = 3.5.", "zh": "7 / 2 = 3.5。"},
        },
        {
            "id": "q4",
            "type": "numeric",
            "prompt": {"en": "2 + 2?", "zh": "2 + 2？"},
            "answer": 4,
            "explanation": {"en": "Four.", "zh": "四。"},
        },
    ]
}


@pytest.fixture
def quiz_bank(tmp_path):
    folder = tmp_path / "quiz-basics"
    folder.mkdir()
    meta = {
        "slug": "quiz-basics",
        "milestone": "cpu-vs-gpu",
        "kind": "quiz",
        "version": 1,
        "order": 1,
        "required": True,
        "title": {"en": "Basics", "zh": "基础"},
        "pass_threshold": 0.75,
    }
    (folder / "exercise.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    (folder / "quiz.yaml").write_text(yaml.safe_dump(QUIZ, allow_unicode=True), encoding="utf-8")
    (folder / "statement.en.md").write_text("Answer the questions.\n", encoding="utf-8")
    (folder / "statement.zh.md").write_text("回答下列问题。\n", encoding="utf-8")
    return Bank([tmp_path])


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
