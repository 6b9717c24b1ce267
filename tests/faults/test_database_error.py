"""A database error while a result is being recorded: the recording is retried and the result is not lost.

The faults are real PostgreSQL ones: the worker's connection is terminated by the server in the middle of a
job (`pg_terminate_backend`, as a database failover or restart does), or the database refuses new
connections for a few seconds (`ALLOW_CONNECTIONS false`) while a result arrives on the events queue."""

from __future__ import annotations

import time

import pytest
from celery import current_app
from django.db import connection

from accounts.models import Notification
from exercises.models import Submission
from exercises.services import submission_claim
from gpu_runner.spec import Check, JobResult
from tests.factories import UserFactory
from tests.faults.conftest import BUSY_SOFTMAX, wait_status

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FINAL = ("passed", "failed", "error")


def terminate_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def allow_connections(allowed: bool) -> None:
    """Through the maintenance database: PostgreSQL refuses this for the database one is connected to."""
    import psycopg

    db = connection.settings_dict
    name = connection.ops.quote_name(db["NAME"])
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {'true' if allowed else 'false'}")


def test_connection_killed_while_grading_is_retried_and_the_result_recorded(start_worker, softmax, submit):
    learner = UserFactory(username="db-killed")
    worker = start_worker()
    submission_id = submit(learner, BUSY_SOFTMAX.format(seconds=3))
    wait_status(submission_id, ("running",), logs=[worker])
    time.sleep(0.5)

    assert terminate_other_connections() >= 1  # the worker's, held since it claimed the submission

    # No sweep: the worker that graded it must get its result into the database.
    graded = wait_status(submission_id, FINAL, timeout=60, logs=[worker])
    assert (graded.status, graded.score, graded.delivery_attempts) == ("passed", 1.0, 1), graded.error_message
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 1


def test_result_arriving_while_the_database_refuses_connections_is_recorded_when_it_is_back(start_worker, softmax):
    """The events path: a GPU host's JobResult reaches the Django worker while PostgreSQL is unavailable."""
    learner = UserFactory(username="db-down")
    submission = Submission.objects.create(
        user=learner,
        exercise=softmax,
        attempt=1,
        payload={"source": "x = 1"},
        exercise_sha256=softmax.sha256,
    )
    submission_claim(submission_id=submission.pk)
    result = JobResult(
        job_id=str(submission.job_id),
        status="passed",
        score=1.0,
        checks=[Check(name="case 1", passed=True, message="")],
    )
    worker = start_worker()

    allow_connections(False)
    try:
        current_app.send_task(
            "exercises.record_result", args=[str(submission.job_id), result.to_dict()], queue="events"
        )
        time.sleep(5)  # the worker takes the message and fails to connect
    finally:
        allow_connections(True)

    recorded = wait_status(submission.pk, FINAL, timeout=60, logs=[worker])
    assert (recorded.status, recorded.score, recorded.checks) == (
        "passed",
        1.0,
        [{"name": "case 1", "passed": True, "message": ""}],
    )
    assert "OperationalError" in worker.text()
