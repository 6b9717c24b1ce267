"""No probing: a private score recorded from a job never reaches a reader before its board closes, not through the
submission API, the submission page, the export or a leaderboard, whoever reads (staff included)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from exercises.models import Submission
from exercises.services.grading import submission_record_result
from leaderboards.selectors import board_get
from leaderboards.services import board_close, entry_join
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

PRIVATE, PUBLIC = 0.123457, 0.876543
PRIVATE_SPELLINGS = ("0.123457", "0.1235", "12.35", "12.3 %", "private_score", "12%")


@pytest.fixture
def recorded(lb) -> Submission:
    entry_join(user=lb.users["ada"], exercise=lb.exercise, display_name="Ada X")
    submission = SubmissionFactory(user=lb.users["ada"], exercise=lb.exercise, attempt=1, status="running")
    metrics = {
        "metric": "accuracy",
        "threshold": 0.8,
        "accuracy": 0.5,
        "public_score": PUBLIC,
        "private_score": PRIVATE,
    }
    result = {"job_id": str(submission.job_id), "status": "failed", "score": 0.5, "metrics": metrics}
    recorded = submission_record_result(job_id=str(submission.job_id), result=result)
    assert recorded is not None
    return Submission.objects.get(pk=submission.pk)


def _assert_hidden(body: str) -> None:
    for spelling in PRIVATE_SPELLINGS:
        assert spelling not in body, spelling


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_recording_moves_the_private_score_out_of_metrics(recorded):
    assert (recorded.public_score, recorded.private_score) == (PUBLIC, PRIVATE)
    assert "private_score" not in recorded.metrics and "public_score" not in recorded.metrics


def test_a_malformed_part_score_is_not_recorded(lb):
    submission = SubmissionFactory(user=lb.users["ada"], exercise=lb.exercise, attempt=1, status="running")
    metrics = {"public_score": 0.5, "private_score": 1.5}
    submission_record_result(
        job_id=str(submission.job_id),
        result={"job_id": str(submission.job_id), "status": "failed", "score": 0.5, "metrics": metrics},
    )
    submission.refresh_from_db()
    assert (submission.public_score, submission.private_score, submission.metrics) == (None, None, {})


@pytest.mark.parametrize("role", ["ada", "staff"])
def test_the_submission_api_and_page_never_show_the_private_score(lb, recorded, role, client_for):
    user = lb.users[role]
    api = client_for(user).get(reverse("api-submission-detail", args=[recorded.pk]))
    assert api.status_code == 200
    _assert_hidden(api.content.decode())
    listed = client_for(user).get(reverse("api-submission-list") + f"?user={lb.users['ada'].pk}")
    assert listed.status_code == 200
    _assert_hidden(listed.content.decode())
    page = _page(user).get(reverse("submission-detail", args=[recorded.pk]))
    assert page.status_code == 200
    _assert_hidden(page.content.decode())


def test_the_export_never_carries_the_private_score(lb, recorded, client_for):
    api = client_for(lb.users["ada"]).get(reverse("api-me-export"))
    assert api.status_code == 200 and recorded.exercise.slug in api.content.decode()
    _assert_hidden(api.content.decode())
    page = _page(lb.users["ada"]).get(reverse("me-export-json"))
    assert page.status_code == 200
    _assert_hidden(page.content.decode())


@pytest.mark.parametrize("role", ["ada", "mentor", "staff"])
def test_leaderboards_hide_the_private_score_until_closed_then_show_it(lb, recorded, role, client_for):
    user = lb.users[role]
    urls = [
        reverse("api-leaderboard-detail", args=[lb.exercise.slug]),
        reverse("api-leaderboard-cohort-detail", args=[lb.exercise.slug, lb.cohort.pk]),
    ]
    pages = [
        reverse("leaderboard", args=[lb.exercise.slug]),
        reverse("leaderboard-cohort", args=[lb.exercise.slug, lb.cohort.pk]),
    ]
    for url in urls:
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response.json()["rows"] == [
            {
                "rank": 1,
                "display_name": "Ada X",
                "public_score": PUBLIC,
                "submitted_at": response.json()["rows"][0]["submitted_at"],
                "private_score": None,
                "private_rank": None,
            }
        ]
        assert "0.123457" not in response.content.decode()
    for url in pages:
        body = _page(user).get(url).content.decode()
        assert "0.8765" in body
        _assert_hidden(body)
    board_close(user=lb.users["staff"], board=board_get(user=lb.users["staff"], slug=lb.exercise.slug))
    closed = client_for(user).get(urls[0]).json()
    assert (closed["board"]["closed"], closed["rows"][0]["private_score"], closed["rows"][0]["private_rank"]) == (
        True,
        PRIVATE,
        1,
    )
    assert "0.1235" in _page(user).get(pages[0]).content.decode()
    # The cohort's board is still open.
    assert client_for(user).get(urls[1]).json()["rows"][0]["private_score"] is None
