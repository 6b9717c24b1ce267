import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from config.signals import jobs_only
from exercises.models import Submission, SubmissionStatus
from exercises.services import QuotaExceeded, quota_get, submission_create
from exercises.services.submissions import (
    ANSWERS_REQUIRED,
    CONFIG_REQUIRED,
    QUEUED_GRACE_S,
    QUOTA_EXHAUSTED,
    SOURCE_EMPTY,
    SOURCE_NOT_TEXT,
    SOURCE_NOT_UTF8,
    SOURCE_REQUIRED,
    SOURCE_SYNTAX_ERROR,
    SOURCE_TOO_LARGE,
    UNKNOWN_QUESTIONS,
)
from tests.exercises.conftest import right_answers
from tests.factories import SubmissionFactory

CODE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return x\n"


def test_submission_create_stores_attempt_seed_hash_and_enqueues_on_commit(
    learner, softmax, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = submission_create(user=learner, exercise=softmax, payload={"source": CODE, "extra": "dropped"})
        second = submission_create(user=learner, exercise=softmax, payload={"source": CODE})

    assert (first.attempt, second.attempt) == (1, 2)
    assert first.status == SubmissionStatus.QUEUED
    assert first.payload == {"source": CODE}
    assert first.exercise_sha256 == softmax.sha256
    assert first.seed != second.seed
    assert 0 <= first.seed < 2**62
    assert first.deadline_at == pytest.approx(
        timezone.now() + dt.timedelta(seconds=QUEUED_GRACE_S), abs=dt.timedelta(seconds=5)
    )
    assert len(callbacks) == 2


def test_attempt_numbers_are_per_learner_and_exercise(learner, other_learner, softmax, bank_exercise):
    other_exercise = bank_exercise("dot-product")
    submission_create(user=learner, exercise=softmax, payload={"source": CODE})
    submission_create(user=learner, exercise=softmax, payload={"source": CODE})
    assert submission_create(user=learner, exercise=other_exercise, payload={"source": CODE}).attempt == 1
    assert submission_create(user=other_learner, exercise=softmax, payload={"source": CODE}).attempt == 1
    assert submission_create(user=learner, exercise=softmax, payload={"source": CODE}).attempt == 3


@override_settings(PATHWISE_DAILY_QUOTA=2)
def test_daily_quota_refuses_the_submission_after_the_limit(learner, softmax):
    submission_create(user=learner, exercise=softmax, payload={"source": CODE})
    submission_create(user=learner, exercise=softmax, payload={"source": CODE})

    with pytest.raises(QuotaExceeded) as excinfo:
        submission_create(user=learner, exercise=softmax, payload={"source": CODE})

    assert str(excinfo.value) == QUOTA_EXHAUSTED % {"limit": 2}
    assert Submission.objects.filter(user=learner).count() == 2
    assert quota_get(user=learner, exercise=softmax).as_dict() == {"limit": 2, "used": 2, "remaining": 0}


@override_settings(PATHWISE_DAILY_QUOTA=5)
def test_exercise_daily_quota_overrides_the_setting(learner, bank_exercise):
    exercise = bank_exercise("softmax", daily_quota=1)
    submission_create(user=learner, exercise=exercise, payload={"source": CODE})
    with pytest.raises(QuotaExceeded):
        submission_create(user=learner, exercise=exercise, payload={"source": CODE})


@override_settings(PATHWISE_DAILY_QUOTA=1)
def test_platform_failures_and_yesterdays_submissions_do_not_use_quota(learner, softmax):
    SubmissionFactory(user=learner, exercise=softmax, attempt=1, counts_against_quota=False, status="error")
    yesterday = SubmissionFactory(user=learner, exercise=softmax, attempt=2)
    Submission.objects.filter(pk=yesterday.pk).update(created_at=timezone.now() - dt.timedelta(days=1))

    created = submission_create(user=learner, exercise=softmax, payload={"source": CODE})

    assert created.attempt == 3
    assert quota_get(user=learner, exercise=softmax).remaining == 0


@override_settings(PATHWISE_MAX_CODE_BYTES=100)
@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, SOURCE_REQUIRED),
        ({"source": 12}, SOURCE_NOT_TEXT),
        ({"source": "   \n"}, SOURCE_EMPTY),
        ({"source": "x = '\x00'"}, SOURCE_NOT_UTF8),
        ({"source": "x = '\ud800'"}, SOURCE_NOT_UTF8),
        ({"source": "#" * 101}, SOURCE_TOO_LARGE % {"size": 101, "limit": 100}),
    ],
)
def test_code_payload_is_validated_with_exact_messages(learner, softmax, payload, message):
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=softmax, payload=payload)
    assert excinfo.value.message_dict == {"source": [message]}
    assert not Submission.objects.exists()


@override_settings(PATHWISE_MAX_CODE_BYTES=100)
def test_code_size_limit_counts_utf8_bytes_not_characters(learner, softmax):
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=softmax, payload={"source": "#" + "中" * 34})  # 34 chars, 103 bytes
    assert excinfo.value.message_dict == {"source": [SOURCE_TOO_LARGE % {"size": 103, "limit": 100}]}
    assert submission_create(user=learner, exercise=softmax, payload={"source": "#" + "中" * 33}).attempt == 1


def test_quiz_is_graded_in_the_request_without_a_queue(learner, quiz, bank, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        passed = submission_create(user=learner, exercise=quiz, payload={"answers": right_answers(bank, quiz.slug)})
        wrong = {"q1": "a", "q2": ["d"], "q3": "a", "q4": "b", "q5": 9}
        failed = submission_create(user=learner, exercise=quiz, payload={"answers": wrong})

    assert jobs_only(callbacks) == []  # no job; only the announcement of the result (config.signals)
    assert (passed.status, passed.score, passed.delivery_attempts) == ("passed", 1.0, 1)
    assert failed.status == "failed"
    assert failed.score == 0.0
    assert [c["passed"] for c in failed.checks] == [False] * len(bank.get(quiz.slug).questions)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"answers": ["a"]}, ANSWERS_REQUIRED),
        ({"answers": {"q1": "b", "nope": "a", "q99": 1}}, UNKNOWN_QUESTIONS % {"ids": "nope, q99"}),
    ],
)
def test_quiz_payload_is_validated(learner, quiz, payload, message):
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=quiz, payload=payload)
    assert excinfo.value.message_dict == {"answers": [message]}


def test_finetune_config_out_of_range_names_the_field_and_range(learner, bank_exercise):
    exercise = bank_exercise("finetune-bert-sentiment")
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=exercise, payload={"config": {"learning_rate": 0.5, "epochs": 99}})
    assert excinfo.value.message_dict == {
        "config": ["epochs must be an integer between 1 and 10", "learning_rate must be between 1e-06 and 0.001"]
    }
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=exercise, payload={"config": "lr=1"})
    assert excinfo.value.message_dict == {"config": [CONFIG_REQUIRED]}


# --- Refused before anything is stored or counted (issue 11: bug 10, and syntax errors) ------------------------


@pytest.mark.parametrize(
    ("answers", "messages"),
    [
        ({"q2": ["a"], "q3": "c", "q4": "a", "q5": 0.3}, ["Question 1: not answered."]),
        (
            {"q1": "", "q2": [], "q3": "c", "q4": "a", "q5": None},
            ["Question 1: not answered.", "Question 2: not answered.", "Question 5: not answered."],
        ),
        (
            {"q1": "z", "q2": ["a", "x"], "q3": "c", "q4": "a", "q5": 1},
            ["Question 1: “z” is not one of its options.", "Question 2: “x” is not one of its options."],
        ),
        (
            {"q1": ["b"], "q2": "a", "q3": "c", "q4": "a", "q5": "0.3"},
            ["Question 1: choose one of its options.", "Question 2: choose options from its list."],
        ),
        (
            {"q1": "b", "q2": ["a"], "q3": "c", "q4": "a", "q5": "about 0.3"},
            ["Question 5: “about 0.3” is not a number."],
        ),
        ({"q1": "b", "q2": ["a"], "q3": "c", "q4": "a", "q5": True}, ["Question 5: “true” is not a number."]),
        ({"q1": "b", "q2": ["a"], "q3": "c", "q4": "a", "q5": "inf"}, ["Question 5: “inf” is not a number."]),
        ({"q1": "b", "q2": ["a"], "q3": "c", "q4": "a", "q5": "0,3"}, ["Question 5: “0,3” is not a number."]),
        ({"q1": "b", "q2": ["a"], "q3": "c", "q4": "a", "q5": "nan"}, ["Question 5: “nan” is not a number."]),
    ],
    ids=["unanswered", "blank", "unknown-option", "wrong-shape", "not-a-number", "bool", "inf", "comma", "nan"],
)
def test_invalid_quiz_answers_are_refused_per_question_before_anything_is_stored_or_counted(
    learner, quiz, answers, messages
):
    with pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=quiz, payload={"answers": answers})
    assert excinfo.value.message_dict == {"answers": messages}
    assert not Submission.objects.exists()
    assert quota_get(user=learner, exercise=quiz).used == 0


@pytest.mark.parametrize(
    ("q5", "right"),
    [(" 0.3 ", True), (".3", True), ("3e-1", True), (0.3, True), ("9" * 401, False), (10**401, False)],
    ids=["spaces", "leading-point", "exponent", "json-number", "401-digit-text", "401-digit-integer"],
)
def test_a_number_of_any_size_is_a_valid_numeric_answer_and_is_graded(learner, quiz, q5, right):
    """Too large to compare is the grader's verdict on a number (a wrong answer), not a refusal."""
    answers = {"q1": "b", "q2": ["a", "b", "c"], "q3": "c", "q4": "a", "q5": q5}
    graded = submission_create(user=learner, exercise=quiz, payload={"answers": answers})
    assert (graded.status, graded.error_code) == ("passed", "")  # 4 of 5 right clears the 0.8 threshold
    assert [c["passed"] for c in graded.checks if c["name"] == "q5"] == [right]


@pytest.mark.parametrize(
    ("source", "line", "column", "error"),
    [
        ("def softmax(x, axis=-1)\n    return x\n", 1, 24, "expected ':'"),
        (
            "def softmax(x, axis=-1):\nreturn x\n",
            2,
            1,
            "expected an indented block after function definition on line 1",
        ),
        ("import numpy as np\n\nx = (1,\n", 3, 5, "'(' was never closed"),
        ("return 1\n", 1, 1, "'return' outside function"),
    ],
    ids=["missing-colon", "indentation", "unclosed", "return-outside"],
)
def test_a_syntax_error_is_reported_at_once_and_stores_nothing_nor_uses_a_submission(
    learner, softmax, django_capture_on_commit_callbacks, source, line, column, error
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, pytest.raises(ValidationError) as excinfo:
        submission_create(user=learner, exercise=softmax, payload={"source": source})
    params = {"line": line, "column": column, "error": error}
    assert excinfo.value.message_dict == {"source": [SOURCE_SYNTAX_ERROR % params]}
    assert callbacks == []  # the grader never runs
    assert not Submission.objects.exists()
    assert quota_get(user=learner, exercise=softmax).used == 0


def test_checking_the_syntax_runs_none_of_the_code(learner, softmax, tmp_path, django_capture_on_commit_callbacks):
    marker = tmp_path / "ran"
    source = f"open({str(marker)!r}, 'w').write('x')\n\ndef softmax(x, axis=-1):\n    return x\n"
    with django_capture_on_commit_callbacks(execute=False):
        submitted = submission_create(user=learner, exercise=softmax, payload={"source": source})
    assert submitted.status == "queued"
    assert not marker.exists()


def test_code_too_deeply_nested_for_this_processs_compiler_is_left_to_the_sandbox(
    learner, softmax, django_capture_on_commit_callbacks
):
    source = "x = " + "+".join(["1"] * 20000) + "\n"  # RecursionError in compile(), not a syntax error
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted = submission_create(user=learner, exercise=softmax, payload={"source": source})
    assert (submitted.status, len(callbacks)) == ("queued", 1)
