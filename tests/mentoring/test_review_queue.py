"""The quieter review queue (issue 11): by default only what needs a human (a failure after a real attempt, passed
work on a milestone the learner's track requires or a mentor signs off, an attempt the learner asked a review of);
filters by learner, exercise and status in the page and the API; a score column; learners ask for a review."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Review, Submission
from exercises.selectors import review_queue
from exercises.services import review_request
from exercises.services.reviews import REVIEW_REQUEST_NOT_FINAL
from tests.factories import (
    EnrolmentFactory,
    ExerciseFactory,
    MentorAssignmentFactory,
    MilestoneFactory,
    SubmissionFactory,
    TrackMilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    learner, other = UserFactory(username="lena"), UserFactory(username="omar")
    mentor = UserFactory(username="mira")
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    MentorAssignmentFactory(mentor=mentor, learner=other)
    required, optional = MilestoneFactory(slug="required-ms"), MilestoneFactory(slug="optional-ms")
    signed = MilestoneFactory(slug="signed-ms", completion="mentor")
    track = TrackMilestoneFactory(milestone=required, required=True).track
    TrackMilestoneFactory(track=track, milestone=optional, required=False)
    for user in (learner, other):
        EnrolmentFactory(user=user, track=track)
    on_required = ExerciseFactory(slug="on-required", milestone=required)
    on_optional = ExerciseFactory(slug="on-optional", milestone=optional)
    on_signed = ExerciseFactory(slug="on-signed", milestone=signed)
    t = timezone.now() - timezone.timedelta(hours=10)

    def sub(user, exercise, status, n, **kw):
        return SubmissionFactory(
            user=user, exercise=exercise, status=status, finished_at=t + timezone.timedelta(minutes=n), **kw
        )

    rows = {
        "failed": sub(learner, on_optional, "failed", 1, score=0.25),
        "timeout": sub(learner, on_optional, "error", 2, error_code="timeout"),
        "syntax": sub(learner, on_optional, "error", 3, error_code="syntax"),
        "platform": sub(learner, on_optional, "error", 4, error_code="internal", counts_against_quota=False),
        "pass_required": sub(learner, on_required, "passed", 5, score=1.0),
        "pass_optional": sub(learner, on_optional, "passed", 6, score=1.0),
        "pass_signed": sub(other, on_signed, "passed", 7, score=0.9),
        "asked": sub(other, on_optional, "passed", 8, score=1.0, review_requested_at=t),
        "reviewed": sub(other, on_required, "failed", 9),
    }
    Review.objects.create(submission=rows["reviewed"], mentor=mentor, verdict="comment", body="Seen.")
    return {"mentor": mentor, "learner": learner, "other": other, **rows}


def test_the_default_queue_holds_only_what_needs_a_human(queue):
    expected = [queue[k] for k in ("failed", "timeout", "pass_required", "pass_signed", "asked")]
    assert list(review_queue(mentor=queue["mentor"])) == expected
    everything = list(review_queue(mentor=queue["mentor"], everything=True))
    assert queue["pass_optional"] in everything and queue["syntax"] in everything
    assert queue["platform"] not in everything and queue["reviewed"] not in everything


def test_the_api_filters_by_learner_exercise_and_status(queue, client_for):
    client = client_for(queue["mentor"])

    def ids(**params) -> list[int]:
        response = client.get("/api/v1/reviews/queue/", params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(learner=queue["other"].pk) == [queue["pass_signed"].pk, queue["asked"].pk]
    assert ids(exercise="on-required") == [queue["pass_required"].pk]
    assert ids(status="failed") == [queue["failed"].pk]
    assert ids(status="passed", all="true", learner=queue["learner"].pk) == [
        queue["pass_required"].pk,
        queue["pass_optional"].pk,
    ]
    row = client.get("/api/v1/reviews/queue/", {"learner": queue["other"].pk}).json()["results"][1]
    assert row["review_requested_at"] is not None and row["score"] == 1.0
    stranger = UserFactory()
    bad = client.get("/api/v1/reviews/queue/", {"learner": stranger.pk})
    assert (bad.status_code, bad.json()) == (400, {"learner": [f"No learner of yours has id {stranger.pk}."]})
    assert client.get("/api/v1/reviews/queue/", {"status": "queued"}).status_code == 400


def test_the_page_filters_shows_a_score_and_refuses_unknown_values(queue):
    client = Client()
    client.force_login(queue["mentor"])
    html = client.get("/mentor/reviews/").content.decode()
    assert html.count("<tr data-submission=") == 5
    assert (
        f'<tr data-submission="{queue["failed"].pk}">' in html
        and '<td data-label="Score" class="score">25%</td>' in html
    )
    assert "review asked" in html
    only = client.get("/mentor/reviews/", {"learner": queue["other"].pk, "status": "passed"}).content.decode()
    assert only.count("<tr data-submission=") == 2
    everything = client.get("/mentor/reviews/", {"show": "all"}).content.decode()
    assert everything.count("<tr data-submission=") == 7
    bad = client.get("/mentor/reviews/", {"learner": UserFactory().pk})
    assert bad.status_code == 400 and 'id="learner-error"' in bad.content.decode()


def test_a_learner_asks_for_a_review_once_and_only_of_a_graded_attempt(queue):
    attempt = queue["pass_optional"]
    assert attempt not in review_queue(mentor=queue["mentor"])
    client = Client()
    client.force_login(queue["learner"])
    page = client.get(f"/submissions/{attempt.pk}/").content.decode()
    assert 'id="review-request-form"' in page
    assert client.post(f"/submissions/{attempt.pk}/request-review/").status_code == 302
    first = Submission.objects.get(pk=attempt.pk).review_requested_at
    assert first is not None and attempt in review_queue(mentor=queue["mentor"])
    review_request(user=queue["learner"], submission=Submission.objects.get(pk=attempt.pk))
    assert Submission.objects.get(pk=attempt.pk).review_requested_at == first
    assert 'id="review-requested"' in client.get(f"/submissions/{attempt.pk}/").content.decode()
    running = SubmissionFactory(user=queue["learner"], exercise=attempt.exercise, status="running")
    with pytest.raises(Exception) as excinfo:
        review_request(user=queue["learner"], submission=running)
    assert excinfo.value.messages == [str(REVIEW_REQUEST_NOT_FINAL)]


def test_only_the_learner_asks_for_a_review_of_their_attempt(queue, client_for):
    url = f"/api/v1/submissions/{queue['failed'].pk}/review-request/"
    assert client_for(queue["mentor"]).post(url).status_code == 403
    assert client_for(queue["other"]).post(url).status_code == 404
    response = client_for(queue["learner"]).post(url)
    assert response.status_code == 200 and response.json()["review_requested_at"] is not None
