"""What an event says, per type: ids, slugs, statuses, scores and times; never code, notes, review text or anything
a cohort's mentor may not see of their learners. Each builder reads its rows from the ids a signal carries and
returns (learner id, key, data): the key names the event uniquely, so its id is the same however often it is
announced (the id receivers deduplicate on)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from exercises.models import Review, SignOff, Submission
from planner.models import Milestone
from webhooks.models import EventType

Built = tuple[int, str, dict[str, Any]] | None


def _person(user: AbstractBaseUser | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "username": user.get_username()}


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def submission_graded(*, submission_id: int, **_: Any) -> Built:
    submission = Submission.objects.select_related("exercise__milestone", "user").filter(pk=submission_id).first()
    if submission is None:
        return None
    data = {
        "learner": _person(submission.user),
        "submission": {
            "id": submission.pk,
            "exercise": submission.exercise.slug,
            "milestone": submission.exercise.milestone.slug,
            "attempt": submission.attempt,
            "status": submission.status,
            "score": submission.score,
            "regrade_of": submission.regrade_of_id,
            "finished_at": _when(submission.finished_at),
        },
    }
    return submission.user_id, str(submission.pk), data


def milestone_completed(*, user_id: int, milestone_id: int, evidence: str, completed_at: str | None, **_: Any) -> Built:
    milestone = Milestone.objects.filter(pk=milestone_id).only("slug").first()
    if milestone is None:
        return None

    user = get_user_model().objects.filter(pk=user_id).first()
    data = {
        "learner": _person(user),
        "milestone": milestone.slug,
        "evidence": evidence,
        "completed_at": completed_at,
    }
    return user_id, f"{user_id}:{milestone_id}:{completed_at}", data


def review_created(*, review_id: int, **_: Any) -> Built:
    review = (
        Review.objects.select_related("submission__exercise", "submission__user", "mentor").filter(pk=review_id).first()
    )
    if review is None:
        return None
    submission = review.submission
    data = {
        "learner": _person(submission.user),
        "mentor": _person(review.mentor),
        "review": {
            "id": review.pk,
            "verdict": review.verdict,
            "score_override": review.score_override,
            "created_at": _when(review.created_at),
        },
        "submission": {"id": submission.pk, "exercise": submission.exercise.slug, "status": submission.status},
    }
    return submission.user_id, str(review.pk), data


def signoff_created(*, sign_off_id: int, **_: Any) -> Built:
    sign_off = SignOff.objects.select_related("learner", "mentor", "milestone").filter(pk=sign_off_id).first()
    if sign_off is None:
        return None
    data = {
        "learner": _person(sign_off.learner),
        "mentor": _person(sign_off.mentor),
        "sign_off": {"id": sign_off.pk, "milestone": sign_off.milestone.slug, "created_at": _when(sign_off.created_at)},
    }
    return sign_off.learner_id, str(sign_off.pk), data


def learner_behind_plan(*, user_id: int, track: str, week: str, **facts: Any) -> Built:

    user = get_user_model().objects.filter(pk=user_id).first()
    keep = ("behind_hours", "late_days", "projected_finish", "target_date")
    data = {"learner": _person(user), "track": track, "week": week, **{k: facts.get(k) for k in keep}}
    return user_id, f"{user_id}:{track}:{week}", data


BUILDERS = {
    EventType.SUBMISSION_GRADED: submission_graded,
    EventType.MILESTONE_COMPLETED: milestone_completed,
    EventType.REVIEW_CREATED: review_created,
    EventType.SIGNOFF_CREATED: signoff_created,
    EventType.LEARNER_BEHIND_PLAN: learner_behind_plan,
}
