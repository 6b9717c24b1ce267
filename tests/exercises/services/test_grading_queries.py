"""The database work around each graded job, counted: each statement is a round trip a grading worker waits for,
so a regression here costs throughput. Counts of data statements (transaction control is left out: it differs
between a test's transaction and a worker's autocommit). Jobs run in the real sandbox."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from exercises.models import Exercise, Submission
from exercises.services import submission_claim, submission_create, submission_grade, submission_record_result
from planner.models import Progress
from tests.exercises.conftest import reference_source
from tests.factories import SubmissionFactory

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def data_statements(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if not q["sql"].upper().startswith(TRANSACTION_CONTROL)]


def reference_attempt(learner, bank, exercise: Exercise) -> Submission:
    """The learner's first attempt at `exercise`, queued: the bank's reference solution (it passes)."""
    return SubmissionFactory(
        user=learner, exercise=exercise, attempt=1, payload={"source": reference_source(bank, exercise.slug)}
    )


def test_claiming_and_recording_a_graded_job_takes_four_statements(learner, bank, bank_exercise):
    """Claim: read the row with what recording needs, conditional UPDATE ... RETURNING. Record: conditional
    UPDATE of the result columns, the learner's notification. No re-reads, no liveness probe."""
    softmax = bank_exercise("softmax", completion="self")
    submission = reference_attempt(learner, bank, softmax)

    with CaptureQueriesContext(connection) as captured:
        graded = submission_grade(submission_id=submission.pk)

    statements = data_statements(captured)
    assert len(statements) <= 4, "\n".join(statements)
    assert (graded.status, graded.score, graded.delivery_attempts) == ("passed", 1.0, 1)
    submission.refresh_from_db()
    assert (submission.status, submission.score, submission.delivery_attempts) == ("passed", 1.0, 1)
    assert submission.payload == {"source": reference_source(bank, "softmax")}
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 1


def test_a_pass_on_an_auto_milestone_already_done_adds_one_statement(learner, bank, bank_exercise):
    softmax = bank_exercise("softmax", completion="auto")
    Progress.objects.create(user=learner, milestone=softmax.milestone, state="done", evidence="auto")
    submission = reference_attempt(learner, bank, softmax)

    with CaptureQueriesContext(connection) as captured:
        graded = submission_grade(submission_id=submission.pk)

    statements = data_statements(captured)
    assert len(statements) <= 5, "\n".join(statements)
    assert graded.status == "passed"
    assert list(Notification.objects.filter(user=learner).values_list("kind", flat=True)) == ["submission_graded"]


def test_a_pass_that_completes_an_auto_milestone_still_completes_it(learner, bank, bank_exercise):
    softmax = bank_exercise("softmax", completion="auto")
    submission = reference_attempt(learner, bank, softmax)

    assert submission_grade(submission_id=submission.pk).status == "passed"

    progress = Progress.objects.get(user=learner, milestone=softmax.milestone)
    assert (progress.state, progress.evidence) == ("done", "auto")
    assert Notification.objects.filter(user=learner, kind="milestone_done").count() == 1


def test_creating_a_submission_takes_three_statements(learner, bank, bank_exercise):
    """Lock the learner's row, read quota use and the last attempt together, insert."""
    softmax = bank_exercise("softmax")
    submission_create(user=learner, exercise=softmax, payload={"source": "x = 1"})

    with CaptureQueriesContext(connection) as captured:
        second = submission_create(user=learner, exercise=softmax, payload={"source": "x = 2"})

    statements = data_statements(captured)
    assert len(statements) <= 3, "\n".join(statements)
    assert (second.attempt, second.status) == (2, "queued")


@pytest.mark.django_db(transaction=True)
def test_two_results_arriving_together_are_recorded_once(learner, softmax):
    """Both recorders wait on the row lock of a third transaction, then go in turn: the second finds the row
    final and changes nothing (a redelivered job and the original finishing at the same moment)."""
    submission = SubmissionFactory(
        user=learner,
        exercise=softmax,
        attempt=1,
        status="running",
        deadline_at=timezone.now() - dt.timedelta(seconds=1),
    )
    claimed = submission_claim(submission_id=submission.pk)
    assert claimed is not None
    outcomes: dict[float, Submission | None] = {}

    def record(score: float) -> None:
        try:
            result = {"job_id": str(submission.job_id), "status": "passed", "score": score}
            outcomes[score] = submission_record_result(job_id=str(submission.job_id), result=result)
        finally:
            connections.close_all()

    blocker = connections.create_connection("default")
    try:
        with blocker.cursor() as cursor:
            blocker.set_autocommit(False)
            cursor.execute("SELECT id FROM exercises_submission WHERE id = %s FOR UPDATE", [submission.pk])
            threads = [threading.Thread(target=record, args=(score,)) for score in (0.5, 0.75)]
            for thread in threads:
                thread.start()
            wait_for_lock_waiters(2)
            blocker.commit()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        blocker.close()

    assert sorted(outcome is None for outcome in outcomes.values()) == [False, True]
    winner = next(score for score, outcome in outcomes.items() if outcome is not None)
    submission.refresh_from_db()
    assert (submission.status, submission.score) == ("passed", winner)
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 1


def wait_for_lock_waiters(count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
            time.sleep(0.05)
    raise AssertionError(f"{count} sessions did not wait on the row lock within {timeout}s")
