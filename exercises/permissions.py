"""Who may do what with exercises, submissions and reviews: every rule in one place."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.permissions import can_view_learner, is_mentor_of
from exercises.models import Exercise, Submission, SubmissionStatus
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


def can_see_quiz_explanations(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Whether `user` may read the explanations of a quiz submission (they give the right answers away).

    Staff and the learner's mentors always (they review). The learner only once they passed this quiz (any
    submission of it): not when today's attempts run out, since the quota resets at midnight UTC and the
    answers read tonight would pass tomorrow. Everyone else never; other kinds have no explanations (False).
    """
    if submission.exercise.kind != Exercise.Kind.QUIZ or not user.is_authenticated:
        return False
    if user.is_staff or can_review_submission(user, submission):
        return True
    if user.pk != submission.user_id:
        return False
    return Submission.objects.filter(
        user_id=submission.user_id, exercise_id=submission.exercise_id, status=SubmissionStatus.PASSED
    ).exists()
