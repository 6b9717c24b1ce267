"""Who may do what with cohorts, invitations and mentoring requests: every rule of this app in one place.

A cohort is seen only by its mentors and staff: to everyone else (its members included, who see their membership
instead) it does not exist (404). Joining needs a valid invitation; there is no way in by a cohort's id.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.permissions import can_view_learner, is_mentor
from cohorts.models import Cohort, MentoringRequest, MentorOptIn, Mentorship

User = AbstractBaseUser | AnonymousUser


def can_run_cohorts(user: User) -> bool:
    """Mentors make cohorts and opt in to take requests: staff, anyone who mentors a learner already, and anyone
    staff gave the `cohorts.mentor` permission (a new mentor, before their first learner)."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.has_perm("cohorts.mentor") or is_mentor(user))


def can_view_cohort(user: User, cohort: Cohort) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or cohort.mentors.filter(pk=user.pk).exists())


def can_change_cohort(user: User, cohort: Cohort) -> bool:
    """The cohort's mentors and staff: the same people who see it."""
    return can_view_cohort(user, cohort)


def can_remove_member(user: User, cohort: Cohort, learner_id: int) -> bool:
    """A learner leaves their cohort; its mentors and staff remove anyone from it."""
    return bool(user.is_authenticated and (user.pk == learner_id or can_change_cohort(user, cohort)))


def can_take_request(user: User, request: MentoringRequest) -> bool:
    """A mentor who opted in for the request's track, never the learner themself."""
    if not user.is_authenticated or user.pk == request.learner_id:
        return False
    return MentorOptIn.objects.filter(mentor=user, track_id=request.track_id).exists()


def can_cancel_request(user: User, request: MentoringRequest) -> bool:
    """The learner who asked, or staff."""
    return user.is_authenticated and (user.pk == request.learner_id or user.is_staff)


def can_view_request(user: User, request: MentoringRequest) -> bool:
    """Whoever sees the learner's data (the learner, their mentors, staff), the mentor who took it, and while it waits
    any mentor who could take it."""
    if not user.is_authenticated:
        return False
    if user.pk == request.mentor_id or can_view_learner(user, request.learner_id):
        return True
    return request.status == MentoringRequest.Status.OPEN and can_take_request(user, request)


def can_end_mentorship(user: User, mentorship: Mentorship) -> bool:
    """Either side, and staff."""
    return bool(user.is_authenticated and (user.is_staff or user.pk in (mentorship.mentor_id, mentorship.learner_id)))
