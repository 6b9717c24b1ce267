"""A small world for the security tests: learner A (the owner of every targeted resource), learner B, A's mentor,
B's mentor (another mentor), an admin; a track with an auto, a mentor and a self-report milestone; A's and B's
enrolments and graded submissions; a quiz. Hidden exercise data is read from the bank to search responses for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import Notification
from exercises.management.commands.load_exercises import exercise_fields
from exercises.models import Exercise, Review, Submission
from gpu_runner.bank import Bank
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


def bank_exercise(bank: Bank, slug: str, milestone: Milestone) -> Exercise:
    return Exercise.objects.create(slug=slug, milestone=milestone, **exercise_fields(bank.get(slug)))


def graded(user, exercise: Exercise, attempt: int, source: str) -> Submission:
    now = timezone.now()
    return Submission.objects.create(
        user=user, exercise=exercise, attempt=attempt, payload={"source": source}, exercise_sha256=exercise.sha256,
        status="passed", score=1.0, checks=[{"name": "case 1", "passed": True, "message": "ok"}],
        started_at=now - dt.timedelta(seconds=2), finished_at=now,
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
    Notification.objects.create(user=users["A"], kind="submission_graded", message="softmax: attempt 1 passed.")
    return World(users=users, track=track, auto=auto, mentor_ms=mentor_ms, self_ms=self_ms, softmax=softmax, quiz=quiz,
                 enrolment_a=enrolment_a, submission_a=submission_a, submission_a2=submission_a2,
                 submission_b=submission_b)
