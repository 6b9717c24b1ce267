"""Joining a cohort through an invitation: the seat, the enrolment, the mentors, a plan aiming at the target."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import MentorAssignment, Notification
from cohorts.models import Invitation, ManagedAssignment, Membership
from cohorts.services import cohort_join, invitation_revoke
from cohorts.services.join import (
    INVITATION_EXPIRED,
    INVITATION_FULL,
    INVITATION_INVALID,
    INVITATION_REVOKED,
    MENTORS_DO_NOT_JOIN,
)
from planner.models import Enrolment
from tests.factories import UserFactory


def messages_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def test_a_join_code_is_128_random_bits_and_only_its_digest_is_stored(link):
    invitation, code = link
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", code)  # base64url of 16 bytes
    assert invitation.digest == hashlib.sha256(code.encode()).hexdigest()
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert code not in str(stored)


def test_joining_enrols_assigns_the_mentors_and_aims_the_plan_at_the_target(world, cohort, link, newcomer, today):
    result = cohort_join(user=newcomer, code=link[1])
    assert result.created and result.enrolled_now
    assert result.enrolment.track == world.track
    assert result.target_set == cohort.target_date
    plan = result.plan
    assert plan.target_date == cohort.target_date
    # 13 h left (a 4 + b 6 + m 3) over the 4 whole weeks to the target: 3.3 h a week (rounded up).
    assert plan.required_hours_per_week == Decimal("3.3")
    assert MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=newcomer).exists()
    assert ManagedAssignment.objects.filter(assignment__learner=newcomer).count() == 1
    invitation = Invitation.objects.get(pk=link[0].pk)
    assert invitation.used == 1
    note = Notification.objects.get(user=world.users["mentor"], kind="cohort_joined")
    assert note.cohort == cohort and note.params == {"learner": "nina"}


def test_joining_again_uses_no_seat_and_answers_with_the_membership(cohort, link, newcomer):
    first = cohort_join(user=newcomer, code=link[1])
    second = cohort_join(user=newcomer, code=link[1])
    assert not second.created and second.membership == first.membership
    assert Invitation.objects.get(pk=link[0].pk).used == 1


def test_an_enrolled_learner_keeps_their_enrolment_and_their_plan_aims_at_the_target(world, cohort, link):
    lena = world.users["learner"]
    before = Enrolment.objects.get(user=lena, track=world.track)
    result = cohort_join(user=lena, code=link[1])
    assert not result.enrolled_now and result.enrolment == before
    before.refresh_from_db()
    assert before.target_date == cohort.target_date


def test_a_target_before_the_plan_starts_is_not_aimed_at(world, cohort, link, newcomer, today):
    cohort.target_date = today - dt.timedelta(days=1)
    cohort.start_date = today - dt.timedelta(days=30)
    cohort.save()
    result = cohort_join(user=newcomer, code=link[1])
    assert result.created and result.target_set is None
    assert result.enrolment.target_date is None


def test_the_seat_limit_admits_exactly_that_many(world, cohort, link):
    learners = [UserFactory(username=f"seat{n}") for n in range(4)]
    for learner in learners[:3]:
        cohort_join(user=learner, code=link[1])
    with pytest.raises(ValidationError) as exc:
        cohort_join(user=learners[3], code=link[1])
    assert messages_of(exc.value) == [str(INVITATION_FULL)]
    assert Membership.objects.filter(cohort=cohort).count() == 3


def test_an_expired_invitation_admits_nobody_and_says_when_it_expired(cohort, link, newcomer):
    expired = timezone.now() - dt.timedelta(minutes=1)
    Invitation.objects.filter(pk=link[0].pk).update(expires_at=expired)
    with pytest.raises(ValidationError) as exc:
        cohort_join(user=newcomer, code=link[1])
    date = timezone.localtime(expired).date().isoformat()
    assert messages_of(exc.value) == [str(INVITATION_EXPIRED) % {"date": date}]
    assert not Membership.objects.filter(learner=newcomer).exists()


def test_a_revoked_invitation_admits_nobody(world, cohort, link, newcomer):
    invitation_revoke(user=world.users["mentor"], invitation=link[0])
    with pytest.raises(ValidationError) as exc:
        cohort_join(user=newcomer, code=link[1])
    assert messages_of(exc.value) == [str(INVITATION_REVOKED)]


@pytest.mark.parametrize("code", ["", "x", "A" * 22, "A" * 200, "../../etc/passwd"])
def test_a_code_that_names_no_invitation_is_refused(cohort, newcomer, code):
    with pytest.raises(ValidationError) as exc:
        cohort_join(user=newcomer, code=code)
    assert messages_of(exc.value) == [str(INVITATION_INVALID)]


def test_a_mentor_of_the_cohort_cannot_join_it_as_a_learner(world, cohort, link):
    with pytest.raises(ValidationError) as exc:
        cohort_join(user=world.users["mentor"], code=link[1])
    assert messages_of(exc.value) == [str(MENTORS_DO_NOT_JOIN)]
