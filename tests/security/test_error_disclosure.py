"""A learner never sees a traceback or a path of the worker (issue 16, finding 6, the Django side): a platform
failure reads as a plain message to the learner and their mentor, with the detail for staff and the log; a
learner's own error loses any traceback and host path. Rows stored before gpu_runner stripped them at the source
still hold them, so the pages and the API filter what they show."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from exercises.models import Submission
from exercises.selectors import PLATFORM_FAILURE_SHOWN
from exercises.services import submission_record_result
from tests.security.conftest import SecurityWorld

pytestmark = pytest.mark.django_db

HOST = "/work/main/gpu_runner/sandbox/_run.py"
LEAKY = (
    "The grader failed: Traceback (most recent call last):\n"
    f'  File "{HOST}", line 412, in run\n    frames = parse(stream)\nOverflowError: int too large to convert to float'
)


def failed_with(world: SecurityWorld, code: str, message: str) -> Submission:
    Submission.objects.filter(pk=world.softmax_1.pk).update(
        status="error", error_code=code, error_message=message, counts_against_quota=code != "crash"
    )
    return Submission.objects.get(pk=world.softmax_1.pk)


def api_error(world: SecurityWorld, role: str, submission: Submission) -> dict:
    client = APIClient()
    client.force_authenticate(world.users[role])
    detail = client.get(f"/api/v1/submissions/{submission.pk}/").json()["error"]
    listed = client.get(f"/api/v1/submissions/?learner={world.users['learner'].pk}").json()["results"]
    assert [s["error"] for s in listed if s["id"] == submission.pk] == [detail]
    return detail


def test_a_platform_failure_is_a_plain_message_to_the_learner_and_mentor_and_the_detail_to_staff(world):
    submission = failed_with(world, "internal", LEAKY)
    shown = str(PLATFORM_FAILURE_SHOWN)
    plain = {"code": "internal", "label": "Platform error", "message": shown, "message_display": shown}
    assert api_error(world, "learner", submission) == plain
    assert api_error(world, "mentor", submission) == plain
    staff = {"code": "internal", "label": "Platform error", "message": LEAKY, "message_display": LEAKY}
    assert api_error(world, "admin", submission) == staff


@pytest.mark.parametrize("role", ["learner", "mentor"])
def test_no_traceback_or_worker_path_reaches_the_submission_page(world, client, role):
    submission = failed_with(world, "internal", LEAKY)
    client.force_login(world.users[role])
    for url in (reverse("submission-detail", args=[submission.pk]), reverse("submission-status", args=[submission.pk])):
        page = client.get(url).content.decode()
        assert "Traceback" not in page and "/work/main" not in page and "OverflowError" not in page
        assert str(PLATFORM_FAILURE_SHOWN) in page
    client.force_login(world.users["admin"])
    assert "OverflowError" in client.get(reverse("submission-detail", args=[submission.pk])).content.decode()


@pytest.mark.parametrize(
    ("code", "stored", "label", "shown"),
    [
        (
            "crash",
            f'Your code crashed the grader process.\nTraceback (most recent call last):\n  File "{HOST}"',
            "Your code crashed",
            "Your code crashed the grader process.",
        ),
        (
            "timeout",
            f"Ran past 5 s in {HOST} (your /scratch/solution.py line 3)",
            "Time limit exceeded",
            "Ran past 5 s in <path> (your /scratch/solution.py line 3)",
        ),
    ],
)
def test_a_learners_own_error_keeps_its_message_without_a_traceback_or_host_path(world, code, stored, label, shown):
    submission = failed_with(world, code, stored)
    assert api_error(world, "learner", submission) == {
        "code": code,
        "label": label,
        "message": shown,
        "message_display": shown,
    }


def test_a_recorded_platform_failure_goes_to_the_log_with_its_detail(world, caplog):
    Submission.objects.filter(pk=world.other_softmax.pk).update(status="running", finished_at=None)
    job_id = str(world.other_softmax.job_id)
    result = {"job_id": job_id, "status": "error", "error": {"code": "internal", "message": LEAKY}}
    with caplog.at_level(logging.WARNING, logger="exercises.services.grading"):
        submission_record_result(job_id=job_id, result=result)
    assert f"job {job_id}: platform error internal: {LEAKY}" in caplog.messages
