"""The security tests' world is the shared one (tests/world.py): the learner (the owner of every targeted resource),
the other learner, the learner's mentor, the other mentor (the other learner's), an admin (the tests' comments call
the learner A and the other learner B); the track with the self-report milestone `a`, the auto-graded `b` and the
mentor-signed `m`. Here it gains what the security tests target, all of it the learner's unless said otherwise:

A second mentor-signed milestone on the track, `portfolio`, with no prerequisites and no exercises, so that a sign-off
waits for nothing but the right to give it (`m` waits for `a` and its quiz).

Exercises from the bank, so that responses can be searched for their hidden data: `softmax` (code) and `gpu_quiz`
(quiz-cpu-vs-gpu) on `b`, and a model exercise `model` on a milestone of no track. Graded submissions: the learner's
`softmax_1` and `softmax_2`, the other learner's `other_softmax`; a review and a notification on `softmax_1`; an API
token, a review card and a note.

Cohorts: the mentor runs a cohort on the track that the learner joined through a join link (`cohort_code`); the other
mentor takes mentoring requests for the track. The learner has a request waiting (`request`, on `softmax_1`) and a
mentorship with their mentor from an earlier taken request (`mentorship`): neither changes who sees whom.

Leaderboards: the learner takes part in the model exercise's boards as "Ada Alpha"; the learner is a member of the
cohort (its board), the other learner is not.

Webhooks: the mentor registered an endpoint for that cohort (`webhook`, at a public address), with one delivery of an
event of the learner's (`delivery`)."""

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
from planner.models import Enrolment, Milestone
from tests.factories import MilestoneFactory, TrackMilestoneFactory
from tests.world import World
from webhooks.models import Delivery, Endpoint, Event
from webhooks.services import endpoint_create


@dataclass
class SecurityWorld(World):
    portfolio: Milestone
    softmax: Exercise
    gpu_quiz: Exercise
    model: Exercise
    enrolment: Enrolment
    softmax_1: Submission
    softmax_2: Submission
    other_softmax: Submission
    token: ApiToken
    cohort: Cohort
    invitation: Invitation
    cohort_code: str
    request: MentoringRequest
    mentorship: Mentorship
    card: ReviewCard
    webhook: Endpoint
    delivery: Delivery


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
def world(world: World) -> SecurityWorld:
    """The shared world (the fixture of the same name in tests/world.py), with what the security tests target."""
    bank = Bank.default()
    learner, other, mentor = world.users["learner"], world.users["other_learner"], world.users["mentor"]
    portfolio = MilestoneFactory(slug="portfolio-review", stage=world.m.stage, order=3, completion="mentor")
    TrackMilestoneFactory(track=world.track, milestone=portfolio, order=4)
    softmax = bank_exercise(bank, "softmax", world.b)
    gpu_quiz = bank_exercise(bank, "quiz-cpu-vs-gpu", world.b)
    softmax_1 = graded(learner, softmax, 1, "def softmax(x, axis=-1):\n    return x\n")
    softmax_2 = graded(learner, softmax, 2, "def softmax(x, axis=-1):\n    return x * 1\n")
    other_softmax = graded(other, softmax, 1, "def softmax(x, axis=-1):\n    return x + 0\n")
    Review.objects.create(submission=softmax_1, mentor=mentor, verdict="comment", body="Looks fine.")
    Notification.objects.create(user=learner, kind="submission_graded", submission=softmax_1)
    cohort = cohort_create(user=mentor, name="Security cohort", track=world.track)
    invitation, cohort_code = invitation_create_link(user=mentor, cohort=cohort, seats=50)
    cohort_join(user=learner, code=cohort_code)
    MentorOptIn.objects.create(mentor=world.users["other_mentor"], track=world.track)
    taken = MentoringRequest.objects.create(
        learner=learner, track=world.track, submission=softmax_2, status="taken", mentor=mentor
    )
    mentorship = Mentorship.objects.create(mentor=mentor, learner=learner, track=world.track, request=taken)
    request = MentoringRequest.objects.create(learner=learner, track=world.track, submission=softmax_1)
    card = ReviewCard.objects.create(
        user=learner,
        milestone=world.b,
        source="recall",
        key=f"recall:{world.b.slug}:1",
        due=timezone.now(),
        content={"front": {"en": "What does softmax return?"}, "back": {"en": "A distribution."}},
    )
    Note.objects.create(user=learner, milestone=world.b, body="Softmax: subtract the max first.")
    webhook, _secret = endpoint_create(
        user=mentor, url="https://93.184.216.34/hook", events=["review.created"], cohort=cohort
    )
    event = Event.objects.create(type="review.created", learner=learner, data={"review": {"id": 1}})
    delivery = Delivery.objects.create(endpoint=webhook, event=event, status="failed", attempts=15, response_code=500)
    model_ms = MilestoneFactory(slug=bank.get("tabular-classifier").milestone, stage=world.b.stage, order=4)
    model = bank_exercise(bank, "tabular-classifier", model_ms)
    entry_join(user=learner, exercise=model, display_name="Ada Alpha")
    return SecurityWorld(
        **vars(world),
        portfolio=portfolio,
        softmax=softmax,
        gpu_quiz=gpu_quiz,
        model=model,
        enrolment=Enrolment.objects.get(user=learner, track=world.track),
        softmax_1=softmax_1,
        softmax_2=softmax_2,
        other_softmax=other_softmax,
        token=api_token_create(user=learner, name="laptop")[0],
        cohort=cohort,
        invitation=invitation,
        cohort_code=cohort_code,
        request=request,
        mentorship=mentorship,
        card=card,
        webhook=webhook,
        delivery=delivery,
    )
