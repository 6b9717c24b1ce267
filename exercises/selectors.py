"""The read side of exercises: what a user may list and read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from accounts.permissions import visible_learner_ids
from exercises.models import FINAL_STATUSES, Exercise, Review, Submission
from exercises.permissions import can_see_quiz_explanations, can_view_submission
from gpu_runner.graders.quiz import verdict_of

EXPLANATIONS_HIDDEN = "Explanations appear once you pass this quiz."


def exercise_list(*, milestone: str | None = None, kind: str | None = None) -> QuerySet[Exercise]:
    qs = Exercise.objects.filter(active=True).select_related("milestone", "milestone__stage")
    if milestone:
        qs = qs.filter(milestone__slug=milestone)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def exercise_get(*, slug: str) -> Exercise | None:
    return exercise_list().filter(slug=slug).first()


def submission_list(
    *,
    user: AbstractBaseUser,
    learner_id: int | None = None,
    exercise: str | None = None,
    status: str | None = None,
) -> QuerySet[Submission]:
    """The user's own submissions, or a visible learner's (mentor, staff) when `learner_id` is given."""
    qs = Submission.objects.select_related("exercise", "user")
    if learner_id is None or learner_id == user.pk:
        qs = qs.filter(user=user)
    else:
        visible = visible_learner_ids(user)
        if visible is not None and learner_id not in visible:
            return qs.none()
        qs = qs.filter(user_id=learner_id)
    if exercise:
        qs = qs.filter(exercise__slug=exercise)
    if status:
        qs = qs.filter(status=status)
    return qs


def submission_get(*, user: AbstractBaseUser, submission_id: int) -> Submission | None:
    """A submission the user may see, with its events and reviews; None when absent or not theirs."""
    submission = (
        Submission.objects.select_related("exercise", "user")
        .prefetch_related("events", "reviews__comments", "reviews__mentor")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not can_view_submission(user, submission):
        return None
    return submission


def review_queue(*, mentor: AbstractBaseUser) -> QuerySet[Submission]:
    """Submissions of the mentor's learners waiting for a review, oldest first.

    Final, not reviewed yet, learner work (platform failures are not). The output marks those of
    milestones completed by mentor sign-off: their learners are blocked until the mentor acts.
    """
    from accounts.models import MentorAssignment

    learners = MentorAssignment.objects.filter(mentor=mentor).values("learner_id")
    return (
        Submission.objects.select_related("exercise", "exercise__milestone", "user")
        .filter(user_id__in=learners, status__in=FINAL_STATUSES, counts_against_quota=True)
        .exclude(user=mentor)
        .annotate(reviewed=Exists(Review.objects.filter(submission=OuterRef("pk"))))
        .filter(reviewed=False)
        .order_by("finished_at", "id")
    )


def quiz_explanations_visible(*, user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Whether the reader gets a quiz submission's explanations: the rule is can_see_quiz_explanations."""
    return can_see_quiz_explanations(user, submission)


def quiz_result_get(*, submission: Submission, explanations: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A quiz submission's (checks, metrics) as a viewer may read them.

    Check messages are verdicts only (results graded before explanations left them carry the English one);
    `metrics["questions"][qid]` keeps `correct` and carries `explanation` only when `explanations`.
    """
    checks = [
        {**check, "message": verdict_of(str(check.get("message") or ""), bool(check.get("passed")))}
        for check in submission.checks or []
        if isinstance(check, dict)
    ]
    metrics = dict(submission.metrics) if isinstance(submission.metrics, dict) else {}
    questions = metrics.get("questions")
    if isinstance(questions, dict):
        metrics["questions"] = {
            qid: {key: value for key, value in detail.items() if explanations or key != "explanation"}
            for qid, detail in questions.items()
            if isinstance(detail, dict)
        }
    return checks, metrics
