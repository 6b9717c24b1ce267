"""Fixtures for exercises tests: learners, a mentor, and Exercise rows mirrored from the real bank."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from exercises.management.commands.load_exercises import exercise_fields
from exercises.models import Exercise
from gpu_runner.bank import Bank
from planner.models import Milestone
from tests.factories import MentorAssignmentFactory, MilestoneFactory, UserFactory


@pytest.fixture(scope="session")
def bank() -> Bank:
    return Bank.default()


@pytest.fixture
def learner(db):
    return UserFactory(username="learner")


@pytest.fixture
def other_learner(db):
    return UserFactory(username="other")


@pytest.fixture
def mentor(db, learner):
    mentor = UserFactory(username="mentor")
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    return mentor


@pytest.fixture
def bank_exercise(db, bank) -> Callable[..., Exercise]:
    """An Exercise row synced from the bank folder `slug`, under a milestone of the bank's milestone slug."""

    def make(slug: str, *, completion: str = "auto", milestone: Milestone | None = None, **overrides) -> Exercise:
        source = bank.get(slug)
        if milestone is None:
            milestone = Milestone.objects.filter(slug=source.milestone).first() or MilestoneFactory(
                slug=source.milestone, completion=completion
            )
        fields = {**exercise_fields(source), **overrides}
        return Exercise.objects.create(slug=slug, milestone=milestone, **fields)

    return make


@pytest.fixture
def softmax(bank_exercise) -> Exercise:
    return bank_exercise("softmax")


@pytest.fixture
def quiz(bank_exercise) -> Exercise:
    return bank_exercise("quiz-cpu-vs-gpu")


@pytest.fixture
def pull_request(bank_exercise) -> Exercise:
    return bank_exercise("open-source-pull-request", completion="mentor")


@pytest.fixture
def kaggle(bank_exercise) -> Exercise:
    return bank_exercise("kaggle-entry-report", completion="self")


@pytest.fixture
def paper(bank_exercise) -> Exercise:
    return bank_exercise("paper-summary", completion="self")


@pytest.fixture
def reproduction(bank_exercise) -> Exercise:
    return bank_exercise("paper-reproduction", completion="mentor")


def right_answers(bank: Bank, slug: str) -> dict:
    return {q["id"]: q["answer"] for q in bank.get(slug).questions}


def reference_source(bank: Bank, slug: str) -> str:
    return (bank.get(slug).path / "reference.py").read_text(encoding="utf-8")
