"""Real services, real faults: Celery worker processes that these tests start, kill and restart against the
real PostgreSQL and Redis. Never CELERY_TASK_ALWAYS_EAGER, never a mock in place of a broker or a database.

The workers come from the `start_worker` fixture (tests/conftest.py, on tests/workers.py): separate processes on
pytest-django's transactional database (`test_<name>`, its name passed in DATABASE_URL) and the test Redis db.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from exercises.models import Submission
from tests.workers import BUSY_SOFTMAX, CeleryWorker

__all__ = ["BUSY_SOFTMAX"]  # the fault tests import it from here


def wait_for(predicate: Callable[[], bool], what: str, *, timeout: float = 120, logs: list[CeleryWorker] = ()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    tails = "\n".join(w.text()[-3000:] for w in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


def wait_status(
    submission_id: int, statuses: tuple[str, ...], *, timeout: float = 120, logs: list[CeleryWorker] = ()
) -> Submission:
    wait_for(
        lambda: Submission.objects.get(pk=submission_id).status in statuses,
        f"submission {submission_id} to reach {statuses}",
        timeout=timeout,
        logs=logs,
    )
    return Submission.objects.get(pk=submission_id)


@pytest.fixture
def softmax(transactional_db):
    """The softmax Exercise row, synced from the repository's bank like load_exercises does."""
    from exercises.management.commands.load_exercises import exercise_fields
    from exercises.models import Exercise
    from gpu_runner.bank import Bank
    from tests.factories import MilestoneFactory

    source = Bank.default().get("softmax")
    milestone = MilestoneFactory(slug=source.milestone, completion="auto")
    return Exercise.objects.create(slug="softmax", milestone=milestone, **exercise_fields(source))


@pytest.fixture
def submit(client_for):
    """POST a code submission through the API as `user` (the real create + enqueue-on-commit path)."""

    def post(user, source: str, exercise: str = "softmax") -> int:
        response = client_for(user).post(
            "/api/v1/submissions/", {"exercise": exercise, "source": source}, format="json"
        )
        assert response.status_code == 201, response.content
        return response.json()["id"]

    return post
