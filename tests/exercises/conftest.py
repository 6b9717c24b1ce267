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


def bank_fixture(slug: str, completion: str = "auto"):
    """A fixture for one bank exercise's row (through bank_exercise), under a milestone of that completion."""

    @pytest.fixture
    def exercise(bank_exercise) -> Exercise:
        return bank_exercise(slug, completion=completion)

    return exercise


softmax = bank_fixture("softmax")
quiz = bank_fixture("quiz-cpu-vs-gpu")
pull_request = bank_fixture("open-source-pull-request", completion="mentor")
kaggle = bank_fixture("kaggle-entry-report", completion="self")
paper = bank_fixture("paper-summary", completion="self")
reproduction = bank_fixture("paper-reproduction", completion="mentor")


def right_answers(bank: Bank, slug: str) -> dict:
    return {q["id"]: q["answer"] for q in bank.get(slug).questions}


def reference_source(bank: Bank, slug: str) -> str:
    return bank.get(slug).solution_source("reference.py")
