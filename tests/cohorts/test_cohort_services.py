"""Making and changing cohorts: who may, what is checked, and the mentor links that follow mentors and members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import MentorAssignment
from cohorts.models import Cohort, ManagedAssignment
from cohorts.services import cohort_create, cohort_delete, cohort_join, cohort_update, membership_end
from cohorts.services.cohorts import NAME_BLANK, NO_MENTOR, TARGET_BEFORE_START
from planner.models import Enrolment
from tests.factories import UserFactory


def test_a_learner_cannot_make_a_cohort_but_one_given_the_mentor_permission_can(world):
    learner = world.users["learner"]
    with pytest.raises(PermissionDenied):
        cohort_create(user=learner, name="Mine", track=world.track)
    learner.user_permissions.add(Permission.objects.get(codename="mentor", content_type__app_label="cohorts"))
    learner = type(learner).objects.get(pk=learner.pk)  # permissions are cached on the instance
    assert list(cohort_create(user=learner, name="Mine", track=world.track).mentors.all()) == [learner]


def test_staff_must_name_the_mentors(world):
    with pytest.raises(ValidationError) as exc:
        cohort_create(user=world.users["admin"], name="Staff's", track=world.track)
    assert exc.value.messages == [str(NO_MENTOR)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, NAME_BLANK),
        ({"name": "X", "start_date": dt.date(2027, 2, 1), "target_date": dt.date(2027, 1, 31)}, TARGET_BEFORE_START),
    ],
)
def test_a_blank_name_or_a_target_before_the_start_is_refused(world, fields, message):
    with pytest.raises(ValidationError) as exc:
        cohort_create(user=world.users["mentor"], track=world.track, **fields)
    assert exc.value.messages == [str(message)]
    assert not Cohort.objects.exists()


def test_deleting_a_cohort_takes_back_the_links_it_made_and_keeps_enrolments(world, cohort, link, newcomer):
    cohort_join(user=newcomer, code=link[1])
    cohort_join(user=world.users["learner"], code=link[1])  # mira mentors lena by hand already
    cohort_delete(user=world.users["mentor"], cohort=cohort)
    assert not MentorAssignment.objects.filter(learner=newcomer).exists()
    assert MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=world.users["learner"]).exists()
    assert not ManagedAssignment.objects.exists()
    assert Enrolment.objects.filter(user=newcomer, track=world.track).exists()


def test_a_learner_in_two_cohorts_of_one_mentor_keeps_the_link_until_leaving_both(world, cohort, link, newcomer):
    second = cohort_create(user=world.users["mentor"], name="Second", track=world.track)
    from cohorts.services import invitation_create_link

    cohort_join(user=newcomer, code=link[1])
    cohort_join(user=newcomer, code=invitation_create_link(user=world.users["mentor"], cohort=second)[1])
    membership_end(user=newcomer, cohort=cohort, learner=newcomer)
    assert MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=newcomer).exists()
    membership_end(user=newcomer, cohort=second, learner=newcomer)
    assert not MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=newcomer).exists()


def test_a_new_target_date_replans_the_members_who_aimed_at_the_old_one(world, cohort, link, newcomer, today):
    own = UserFactory(username="own-target")
    cohort_join(user=newcomer, code=link[1])
    cohort_join(user=own, code=link[1])
    mine = today + dt.timedelta(days=60)
    Enrolment.objects.filter(user=own).update(target_date=mine)
    new_target = today + dt.timedelta(days=90)
    cohort_update(user=world.users["mentor"], cohort=cohort, target_date=new_target)
    assert Enrolment.objects.get(user=newcomer).target_date == new_target
    assert Enrolment.objects.get(user=newcomer).plan.target_date == new_target
    assert Enrolment.objects.get(user=own).target_date == mine


def test_another_mentor_cannot_change_or_delete_the_cohort(world, cohort):
    with pytest.raises(PermissionDenied):
        cohort_update(user=world.users["other_mentor"], cohort=cohort, name="Mine now")
    with pytest.raises(PermissionDenied):
        cohort_delete(user=world.users["other_mentor"], cohort=cohort)
