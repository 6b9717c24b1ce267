"""Who may do what with leaderboards: every rule of this app in one place.

A global board is read by anyone signed in; a cohort's board by its members, its mentors and staff (to anyone
else it does not exist: 404). Staff close global boards; a cohort's mentors and staff close its boards. The private
scores are shown to nobody, staff included, until the board is closed, and then to everyone who reads the board.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cohorts.models import Cohort, Membership

User = AbstractBaseUser | AnonymousUser


def _mentors_cohort(user: User, cohort: Cohort) -> bool:
    return cohort.mentors.filter(pk=user.pk).exists()


def can_view_board(user: User, cohort: Cohort | None) -> bool:
    if not user.is_authenticated:
        return False
    if cohort is None or user.is_staff:
        return True
    return Membership.objects.filter(cohort=cohort, learner=user).exists() or _mentors_cohort(user, cohort)


def can_close_board(user: User, cohort: Cohort | None) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return cohort is not None and _mentors_cohort(user, cohort)


def can_take_part(user: User) -> bool:
    """Any signed-in person may opt in to an exercise's boards (they appear only where they may read the board)."""
    return bool(user.is_authenticated)
