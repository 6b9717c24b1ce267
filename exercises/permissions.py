"""Who may do what with exercises, submissions and reviews: every rule in one place."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.permissions import can_view_learner, is_mentor_of
from exercises.models import Submission
from planner.permissions import can_sign_off_milestone


def can_view_submission(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """The learner, their mentors and staff; everyone else gets a 404 (not even its existence)."""
    return can_view_learner(user, submission.user_id)


def can_review_submission(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Only a mentor assigned to the learner reviews; a learner never reviews their own work."""
    return user.is_authenticated and user.pk != submission.user_id and is_mentor_of(user, submission.user_id)


def can_sign_off(user: AbstractBaseUser | AnonymousUser, learner_id: int) -> bool:
    # One rule for the act, wherever it is asked: planner's (mentors of the learner and staff, never themself).
    return can_sign_off_milestone(user, learner_id)
