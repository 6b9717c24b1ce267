"""Who may do what with exercises, submissions and reviews: every rule in one place."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from accounts.permissions import can_view_learner, is_mentor, is_mentor_of
from exercises.models import Exercise, Submission, SubmissionStatus


def can_view_submission(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """The learner, their mentors and staff; everyone else gets a 404 (not even its existence)."""
    return can_view_learner(user, submission.user_id)


def can_review_submission(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Only a mentor assigned to the learner reviews; a learner never reviews their own work."""
    return user.is_authenticated and user.pk != submission.user_id and is_mentor_of(user, submission.user_id)


def can_see_quiz_explanations(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Whether `user` may read the explanations of a quiz submission (they give the right answers away).

    Staff and the learner's mentors always (they review). The learner only once they passed this quiz (any
    submission of it): not when today's attempts run out, since the quota resets at the learner's midnight and the
    answers read tonight would pass tomorrow. Everyone else never; other kinds have no explanations (False).
    """
    if submission.exercise.kind != Exercise.Kind.QUIZ or not user.is_authenticated:
        return False
    if user.is_staff or can_review_submission(user, submission):
        return True
    if user.pk != submission.user_id:
        return False
    return _passed_quizzes(submission.user_id).filter(exercise_id=submission.exercise_id).exists()


def quizzes_with_explanations_for_learner(learner_id: int) -> set[int]:
    """The quiz ids whose explanations the learner reads on their own submissions (can_see_quiz_explanations), in
    one query: for a whole list of their submissions at once (the export)."""
    return set(_passed_quizzes(learner_id).values_list("exercise_id", flat=True).distinct())


def _passed_quizzes(learner_id: int) -> QuerySet[Submission]:
    return Submission.objects.filter(
        user_id=learner_id, exercise__kind=Exercise.Kind.QUIZ, status=SubmissionStatus.PASSED
    )


def can_regrade_submission(user: AbstractBaseUser | AnonymousUser, learner_id: int) -> bool:
    """Staff, and a mentor of the learner: a re-grade is the platform's correction, never the learner's own retry."""
    return user.is_authenticated and (user.is_staff or is_mentor_of(user, learner_id))


def can_regrade_exercise(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff (everyone's submissions) and mentors (their learners' submissions)."""
    return user.is_authenticated and (user.is_staff or is_mentor(user))


def can_score_artefact(user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """A mentor assigned to the learner, or staff, scores an artefact's rubric; never the learner themself."""
    if not user.is_authenticated or user.pk == submission.user_id:
        return False
    return bool(user.is_staff) or is_mentor_of(user, submission.user_id)
