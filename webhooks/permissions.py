"""Who may do what with webhooks: every rule of this app in one place.

A global endpoint (every learner's events) is staff's; a cohort's endpoint (its learners' events only) belongs to the
cohort: its mentors and staff register, read, change and delete it. To anyone else an endpoint does not exist (404).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from cohorts.models import Cohort
from cohorts.permissions import can_change_cohort, can_run_cohorts
from webhooks.models import Endpoint

User = AbstractBaseUser | AnonymousUser


def can_register_webhooks(user: User) -> bool:
    """Staff, and mentors (who may run cohorts): the only people who can have an endpoint at all."""
    return bool(user.is_authenticated and (user.is_staff or can_run_cohorts(user)))


def can_register_endpoint(user: User, cohort: Cohort | None) -> bool:
    """Global endpoints are staff's; a cohort's are its mentors' (and staff's)."""
    if not user.is_authenticated:
        return False
    if cohort is None:
        return bool(user.is_staff)
    return can_change_cohort(user, cohort)


def can_manage_endpoint(user: User, endpoint: Endpoint) -> bool:
    """Read, change, rotate, delete, read its deliveries and re-send them: whoever may register it now."""
    return can_register_endpoint(user, endpoint.cohort)
