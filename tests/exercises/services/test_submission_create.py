import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

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
    assert first.deadline_at == pytest.approx(timezone.now() + dt.timedelta(seconds=QUEUED_GRACE_S), abs=dt.timedelta(seconds=5))
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

    assert str(excinfo.value) == QUOTA_EXHAUSTED.format(limit=2)
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
        ({"source": "#" * 101}, SOURCE_TOO_LARGE.format(size=101, limit=100)),
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
    assert excinfo.value.message_dict == {"source": [SOURCE_TOO_LARGE.format(size=103, limit=100)]}
    assert submission_create(user=learner, exercise=softmax, payload={"source": "#" + "中" * 33}).attempt == 1


def test_quiz_is_graded_in_the_request_without_a_queue(learner, quiz, bank, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        passed = submission_create(user=learner, exercise=quiz, payload={"answers": right_answers(bank, quiz.slug)})
        failed = submission_create(user=learner, exercise=quiz, payload={"answers": {"q1": "zz"}})

    assert callbacks == []
    assert (passed.status, passed.score, passed.delivery_attempts) == ("passed", 1.0, 1)
    assert failed.status == "failed"
    assert failed.score == 0.0
    assert [c["passed"] for c in failed.checks] == [False] * len(bank.get(quiz.slug).questions)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"answers": ["a"]}, ANSWERS_REQUIRED),
        ({"answers": {"q1": "b", "nope": "a", "q99": 1}}, UNKNOWN_QUESTIONS.format(ids="nope, q99")),
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
