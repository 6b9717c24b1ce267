"""Who may see and change planner data: every learner/mentor rule of this app in one place.

A learner sees and changes their own enrolments, progress and plans; a mentor reads (never writes)
those of the learners assigned to them; staff see and change everything. The API answers 404 for
objects a user may not see, and 403 for objects they may see but not change.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.permissions import can_view_learner, is_mentor_of
from planner.models import Enrolment

User = AbstractBaseUser | AnonymousUser


def can_view_learner_data(user: User, learner_id: int) -> bool:
    return can_view_learner(user, learner_id)


def can_change_learner_data(user: User, learner_id: int) -> bool:
    return bool(user.is_authenticated and (user.pk == learner_id or user.is_staff))


def can_view_enrolment(user: User, enrolment: Enrolment) -> bool:
    return can_view_learner_data(user, enrolment.user_id)


def can_change_enrolment(user: User, enrolment: Enrolment) -> bool:
    return can_change_learner_data(user, enrolment.user_id)


def can_sign_off_milestone(user: User, learner_id: int) -> bool:
    """Mentors of the learner and staff; never the learner themself."""
    if not user.is_authenticated or user.pk == learner_id:
        return False
    return bool(user.is_staff or is_mentor_of(user, learner_id))
