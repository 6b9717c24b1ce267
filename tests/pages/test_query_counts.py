"""Per-learner reads cost the same queries whatever the number of rows they show (issue 14).

Each page and API is read in the shared world, then again after the world grew by 18 milestones (half done,
half waiting for a mentor's sign-off), 18 exercises on milestone b with an attempt each, 18 more attempts (some
reviewed) at the code exercise and 18 more learners for the mentor, each with work waiting for a review.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises.models import Review
from planner.models import Progress
from planner.services import enrolment_create, plan_get_fresh
from planner.services.availability import progress_ensure
from tests.factories import (
    ExerciseFactory,
    MentorAssignmentFactory,
    MilestoneFactory,
    SubmissionFactory,
    TrackMilestoneFactory,
    UserFactory,
)

# The most queries each read may cost, at any size (session and user included for the pages).
MOST = {
    "/api/v1/me/": 9,
    "/api/v1/summary/": 7,
    "/api/v1/progress/?page_size=200": 5,
    "/api/v1/enrolments/{enrolment}/plan/": 7,
    "/api/v1/submissions/?page_size=200": 5,
    # 11; two: the stages' exercise counts by kind, done milestones by evidence (issue 10 §4); six: what review is
    # due (issue 15: the review sync's 3, today's new cards, one count) and the fading milestones on the roadmap.
    "/": 19,
    "/plan/": 7,
    # + the learner's note on it (issue 15)
    "/milestones/b/": 12,
    "/milestones/grown-1/": 12,
    "/exercises/add-one/": 10,
    "/exercises/quiz-basics/": 8,
    "/submissions/{submission}/": 11,
    "/mentor/": 12,
    # 22, + the notes the learner shares (the mentor check, the notes) and their fading milestones (issue 15)
    "/mentor/learners/{learner}/": 25,
    "/mentor/reviews/": 8,  # the filter form lists the mentor's learners and the exercises (one query each)
    "/api/v1/reviews/queue/": 5,
}
MENTOR_READS = ("/mentor/", "/api/v1/reviews/")


def grow(world, n: int, start: int = 0) -> None:
    learner, mentor = world.users["learner"], world.users["mentor"]
    now = timezone.now()
    grown = []
    for i in range(start, start + n):
        completion = "mentor" if i % 2 else "self"
        m = MilestoneFactory(
            slug=f"grown-{i}", stage=world.a.stage, order=10 + i, completion=completion, prerequisites=[world.a]
        )
        TrackMilestoneFactory(track=world.track, milestone=m, order=10 + i)
        grown.append(m.pk)
        exercise = ExerciseFactory(slug=f"grown-ex-{i}", milestone=world.b)
        SubmissionFactory(user=learner, exercise=exercise, attempt=1, status="passed" if i % 2 else "failed")
        attempt = SubmissionFactory(user=learner, exercise=world.code, attempt=2 + i, status="failed", finished_at=now)
        if i % 3 == 0:
            review = Review.objects.create(submission=attempt, mentor=mentor, verdict="comment", body="Look again.")
            review.comments.create(line=1, body="Here.")
            Review.objects.create(submission=world.submission, mentor=mentor, verdict="comment", body=f"Note {i}.")
        other = UserFactory(username=f"grown-learner-{i}")
        MentorAssignmentFactory(mentor=mentor, learner=other)
        enrolment_create(user=other, track=world.track, hours_per_week=5, start_date=timezone.localdate())
        SubmissionFactory(user=other, exercise=world.code, attempt=1, status="failed", finished_at=now)
        Progress.objects.filter(user=other, milestone=world.a).update(state="in_progress")
    progress_ensure(user=learner, milestone_ids=grown)
    Progress.objects.filter(user=learner, milestone_id__in=grown[::2]).update(
        state="done", evidence="self", completed_at=now
    )


def _counts(world, as_role) -> dict[str, int]:
    lena = world.users["learner"]
    names = {"enrolment": lena.enrolments.first().pk, "submission": world.submission.pk, "learner": lena.pk}
    plan_get_fresh(enrolment=lena.enrolments.first())  # the plan of today, as the first visit of the day leaves it
    learner, mentor = as_role("learner"), as_role("mentor")
    out = {}
    for template in MOST:
        url = template.format(**names)
        client = mentor if url.startswith(MENTOR_READS) else learner
        client.get(url)  # the first read of a page may fill a cache; the count is of the reads that follow
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        out[template] = len(ctx.captured_queries)
    return out


def test_per_learner_reads_cost_the_same_queries_with_2_or_20_rows_of_everything(
    world, as_role, django_assert_max_num_queries
):
    grow(world, 2)
    small = _counts(world, as_role)
    grow(world, 18, start=2)
    large = _counts(world, as_role)
    assert large == small
    assert {url: count for url, count in large.items() if count > MOST[url]} == {}
    lena = world.users["learner"]
    mentor = as_role("mentor")
    with django_assert_max_num_queries(MOST["/mentor/reviews/"]):
        response = mentor.get("/mentor/reviews/")
    # Every other learner's attempt, and lena's: 20 at the grown exercises, 13 of her 20 more at add-one (7 reviewed).
    assert len(response.context["items"]) == 20 + 20 + 13
    assert lena.submissions.count() == 1 + 20 + 20
