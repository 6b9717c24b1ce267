from __future__ import annotations

from dataclasses import dataclass

import pytest

from planner.models import Enrolment
from planner.services import enrolment_create
from tests.factories import MentorAssignmentFactory, UserFactory
from tests.planner.conftest import START


@dataclass
class People:
    learner: object
    other: object
    mentor: object
    other_mentor: object
    admin: object
    enrolment: Enrolment
    other_enrolment: Enrolment


@pytest.fixture
def people(small) -> People:
    learner = UserFactory(username="learner")
    other = UserFactory(username="other")
    mentor = UserFactory(username="mentor")
    other_mentor = UserFactory(username="other-mentor")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    MentorAssignmentFactory(mentor=other_mentor, learner=other)
    return People(
        learner=learner,
        other=other,
        mentor=mentor,
        other_mentor=other_mentor,
        admin=admin,
        enrolment=enrolment_create(user=learner, track=small.track, start_date=START),
        other_enrolment=enrolment_create(user=other, track=small.track, start_date=START),
    )
