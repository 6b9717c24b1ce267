"""Cohort tests build on the shared small world (tests/world.py): mira mentors lena by hand, omar mentors otto, root
is staff; track `nlp` (a -> b with the exercise add-one, a -> m with a quiz). Here: mira's cohort on that track with a
target date, and newcomers with no mentor and no enrolment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cohorts.services import cohort_create, invitation_create_link
from tests.factories import UserFactory


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def cohort(world, today):
    return cohort_create(
        user=world.users["mentor"],
        name="Spring NLP",
        track=world.track,
        start_date=today,
        target_date=today + dt.timedelta(days=27),
    )


@pytest.fixture
def link(world, cohort):
    """A join link with 3 seats: (invitation, code)."""
    return invitation_create_link(user=world.users["mentor"], cohort=cohort, seats=3, days=7, label="Slack")


@pytest.fixture
def newcomer(db):
    return UserFactory(username="nina")
