"""A small world for the leaderboards: a model exercise, learners (two in a cohort, one outside), the cohort's
mentor, another mentor, staff; and a helper that records graded submissions with both parts' scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from cohorts.models import Cohort, Membership
from exercises.models import Exercise, Submission
from tests.factories import ExerciseFactory, SubmissionFactory, TrackFactory, UserFactory

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@dataclass
class LbWorld:
    users: dict[str, Any]
    exercise: Exercise
    code_exercise: Exercise
    cohort: Cohort


def graded(user, exercise: Exercise, *, public: float, private: float, minutes: int = 0, **extra: Any) -> Submission:
    """A graded submission made `minutes` after T0, with its public and private part scores recorded."""
    submission = SubmissionFactory(
        user=user,
        exercise=exercise,
        status=extra.pop("status", "passed"),
        score=(public + private) / 2,
        metrics={"metric": "accuracy", "accuracy": (public + private) / 2},
        public_score=public,
        private_score=private,
        finished_at=timezone.now(),
        **extra,
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=T0 + dt.timedelta(minutes=minutes))
    submission.refresh_from_db()
    return submission


@pytest.fixture
def lb(db) -> LbWorld:
    exercise = ExerciseFactory(
        slug="tabular-classifier",
        kind="model",
        title=("Tabular classifier", "表格分类器"),
        metric={"name": "accuracy", "threshold": 0.8},
        pass_threshold=0.8,
    )
    users = {name: UserFactory(username=name) for name in ("ada", "bo", "cy", "outsider", "mentor", "other-mentor")}
    users["staff"] = UserFactory(username="staff", is_staff=True)
    cohort = Cohort.objects.create(name="Spring cohort", track=TrackFactory(slug="lb-track"))
    cohort.mentors.add(users["mentor"])
    other = Cohort.objects.create(name="Other cohort", track=cohort.track)
    other.mentors.add(users["other-mentor"])
    for name in ("ada", "bo", "cy"):
        Membership.objects.create(cohort=cohort, learner=users[name])
    return LbWorld(users=users, exercise=exercise, code_exercise=ExerciseFactory(kind="code"), cohort=cohort)
