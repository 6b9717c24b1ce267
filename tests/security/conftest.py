"""A small world for the security tests: learner A (the owner of every targeted resource), learner B, A's mentor,
B's mentor (another mentor), an admin; a track with an auto, a mentor and a self-report milestone; A's and B's
enrolments and graded submissions; a quiz. Hidden exercise data is read from the bank to search responses for it.

Cohorts: A's mentor runs a cohort on the track that A joined through a join link (`cohort_code`); B's mentor takes
mentoring requests for the track. A has a request waiting (`request_a`, on A's submission) and a mentorship with A's
mentor from an earlier taken request (`mentorship_a`): neither changes who sees whom.

Leaderboards: a model exercise (`model`) whose boards A takes part in as "Ada Alpha"; A is a member of the cohort
(its board), B is not.

Webhooks: A's mentor registered an endpoint for that cohort (`webhook`, at a public address), with one delivery of an
event of A's (`delivery`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import ApiToken, Notification
from accounts.services.tokens import api_token_create
from cohorts.models import Cohort, Invitation, MentoringRequest, MentorOptIn, Mentorship
from cohorts.services import cohort_create, cohort_join, invitation_create_link
from exercises.management.commands.load_exercises import exercise_fields
from exercises.models import Exercise, Review, Submission
from gpu_runner.bank import Bank
from leaderboards.services import entry_join
from learning.models import Note, ReviewCard
from planner.models import Enrolment, Milestone, Track
from planner.services import enrolment_create
from tests.factories import (
    MentorAssignmentFactory,
    MilestoneFactory,
    StageFactory,
    TrackFactory,
    TrackMilestoneFactory,
    UserFactory,
)
from webhooks.models import Delivery, Endpoint, Event
from webhooks.services import endpoint_create

ROLES = ("anon", "A", "B", "mentor_A", "mentor_B", "admin")


@dataclass
class World:
    users: dict[str, object]
    track: Track
    auto: Milestone
    mentor_ms: Milestone
    self_ms: Milestone
    softmax: Exercise
    quiz: Exercise
    enrolment_a: Enrolment
    submission_a: Submission
    submission_a2: Submission
    submission_b: Submission
    token_a: ApiToken
    cohort: Cohort
    invitation: Invitation
    cohort_code: str
    request_a: MentoringRequest
    mentorship_a: Mentorship
    card_a: ReviewCard
    webhook: Endpoint
    delivery: Delivery
    model: Exercise  # a model exercise (leaderboards), on a milestone of no track; A takes part in its boards


def bank_exercise(bank: Bank, slug: str, milestone: Milestone) -> Exercise:
    return Exercise.objects.create(slug=slug, milestone=milestone, **exercise_fields(bank.get(slug)))


def graded(user, exercise: Exercise, attempt: int, source: str) -> Submission:
    now = timezone.now()
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        attempt=attempt,
        payload={"source": source},
        exercise_sha256=exercise.sha256,
        status="passed",
        score=1.0,
        checks=[{"name": "case 1", "passed": True, "message": "ok"}],
        started_at=now - dt.timedelta(seconds=2),
        finished_at=now,
    )


@pytest.fixture
def world(db) -> World:
    bank = Bank.default()
    stage = StageFactory(slug="security-stage", order=1)
    auto = MilestoneFactory(slug=bank.get("softmax").milestone, stage=stage, order=1, completion="auto")
    mentor_ms = MilestoneFactory(slug="portfolio-review", stage=stage, order=2, completion="mentor")
    self_ms = MilestoneFactory(slug="read-the-paper", stage=stage, order=3, completion="self")
    quiz_ms = MilestoneFactory(slug=bank.get("quiz-cpu-vs-gpu").milestone, stage=stage, order=4, completion="auto")
    track = TrackFactory(slug="security-track")
    for order, milestone in enumerate((auto, mentor_ms, self_ms, quiz_ms), start=1):
        TrackMilestoneFactory(track=track, milestone=milestone, required=True, order=order)
    users = {
        "A": UserFactory(username="learner-a"),
        "B": UserFactory(username="learner-b"),
        "mentor_A": UserFactory(username="mentor-a"),
        "mentor_B": UserFactory(username="mentor-b"),
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }
    MentorAssignmentFactory(mentor=users["mentor_A"], learner=users["A"])
    MentorAssignmentFactory(mentor=users["mentor_B"], learner=users["B"])
    softmax = bank_exercise(bank, "softmax", auto)
    quiz = bank_exercise(bank, "quiz-cpu-vs-gpu", quiz_ms)
    enrolment_a = enrolment_create(user=users["A"], track=track, start_date=dt.date(2026, 1, 5))
    enrolment_create(user=users["B"], track=track, start_date=dt.date(2026, 1, 5))
    submission_a = graded(users["A"], softmax, 1, "def softmax(x, axis=-1):\n    return x\n")
    submission_a2 = graded(users["A"], softmax, 2, "def softmax(x, axis=-1):\n    return x * 1\n")
    submission_b = graded(users["B"], softmax, 1, "def softmax(x, axis=-1):\n    return x + 0\n")
    Review.objects.create(submission=submission_a, mentor=users["mentor_A"], verdict="comment", body="Looks fine.")
    Notification.objects.create(user=users["A"], kind="submission_graded", submission=submission_a)
    cohort = cohort_create(user=users["mentor_A"], name="Security cohort", track=track)
    invitation, cohort_code = invitation_create_link(user=users["mentor_A"], cohort=cohort, seats=50)
    cohort_join(user=users["A"], code=cohort_code)
    MentorOptIn.objects.create(mentor=users["mentor_B"], track=track)
    taken = MentoringRequest.objects.create(
        learner=users["A"], track=track, submission=submission_a2, status="taken", mentor=users["mentor_A"]
    )
    mentorship_a = Mentorship.objects.create(mentor=users["mentor_A"], learner=users["A"], track=track, request=taken)
    request_a = MentoringRequest.objects.create(learner=users["A"], track=track, submission=submission_a)
    card_a = ReviewCard.objects.create(
        user=users["A"],
        milestone=auto,
        source="recall",
        key=f"recall:{auto.slug}:1",
        due=timezone.now(),
        content={"front": {"en": "What does softmax return?"}, "back": {"en": "A distribution."}},
    )
    Note.objects.create(user=users["A"], milestone=auto, body="Softmax: subtract the max first.")
    webhook, _secret = endpoint_create(
        user=users["mentor_A"], url="https://93.184.216.34/hook", events=["review.created"], cohort=cohort
    )
    event = Event.objects.create(type="review.created", learner=users["A"], data={"review": {"id": 1}})
    delivery = Delivery.objects.create(endpoint=webhook, event=event, status="failed", attempts=15, response_code=500)
    model_ms = MilestoneFactory(slug=bank.get("tabular-classifier").milestone, stage=stage, order=5)
    model = bank_exercise(bank, "tabular-classifier", model_ms)
    entry_join(user=users["A"], exercise=model, display_name="Ada Alpha")
    return World(
        users=users,
        track=track,
        auto=auto,
        mentor_ms=mentor_ms,
        self_ms=self_ms,
        softmax=softmax,
        quiz=quiz,
        enrolment_a=enrolment_a,
        submission_a=submission_a,
        submission_a2=submission_a2,
        submission_b=submission_b,
        token_a=api_token_create(user=users["A"], name="laptop")[0],
        cohort=cohort,
        invitation=invitation,
        cohort_code=cohort_code,
        request_a=request_a,
        mentorship_a=mentorship_a,
        card_a=card_a,
        webhook=webhook,
        delivery=delivery,
        model=model,
    )
