"""The read side: a learner's whole data as one JSON document (the export), and their progress as CSV rows.

The document names rows by their natural keys (track, milestone and exercise slugs, attempt numbers, usernames),
never by database ids, so that it can be restored into another instance (portability.services.importing).
A fixed number of queries however many submissions the learner has: the bench (scripts/bench_export.py) counts them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Min
from django.utils import timezone

from accounts.selectors import profile_get
from config.i18n import bilingual
from exercises.models import GRADER_OUTPUT_FIELDS, Exercise, Review, SignOff, Submission, SubmissionStatus
from exercises.permissions import quizzes_with_explanations_for_learner
from exercises.selectors import quiz_result_get
from planner.models import Enrolment, Progress
from portability.learning import learning_export
from portability.models import ShareLink
from portability.values import jsonable

FORMAT = "pathwise-export"
VERSION = 1

PROFILE_FIELDS = (
    "display_name",
    "language",
    "time_zone",
    "email_review_received",
    "email_submission_graded",
    "email_milestone_signed_off",
    "email_weekly_digest",
)
PLAN_FIELDS = (
    "generated_at",
    "start_date",
    "hours_per_week",
    "pace_hours_per_week",
    "target_date",
    "finish_date",
    "feasible",
    "required_hours_per_week",
    "remaining_hours",
    "weeks",
    "message",
)
# The result of a graded submission as gpu_runner returned it (JobResult), and the learner's answer (payload).
RESULT_FIELDS = (
    "status",
    "score",
    *GRADER_OUTPUT_FIELDS,
    "error_code",
    "error_message",
    "error_i18n",
)
SUBMISSION_COLUMNS = (
    "exercise",
    "attempt",
    "job_id",
    "payload",
    "exercise_sha256",
    "counts_against_quota",
    "created_at",
    "finished_at",
    "regrade_of",
    "superseded_at",
    *RESULT_FIELDS,
)
PROGRESS_COLUMNS = ["track", "stage", "milestone", "title", "state", "evidence", "hours", "started_at", "completed_at"]


def _pick(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: jsonable(getattr(obj, name)) for name in names}


def learner_export_get(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Everything a learner has here: profile, enrolments and plans, progress with its evidence, mentors'
    sign-offs, submissions with their code or answers and results, the reviews they received, and their notes,
    review cards (FSRS state and ratings) and weekly goal (portability.learning)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "instance": settings.PATHWISE_SITE_URL,
        "profile": _profile(user),
        "enrolments": _enrolments(user),
        "progress": _progress(user),
        "sign_offs": _sign_offs(user),
        "submissions": _submissions(user),
        **learning_export(user),
    }


def _profile(user: AbstractBaseUser) -> dict[str, Any]:
    profile = profile_get(user=user)
    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": jsonable(user.date_joined),
        **_pick(profile, PROFILE_FIELDS),
    }


def _enrolments(user: AbstractBaseUser) -> list[dict[str, Any]]:
    rows = Enrolment.objects.filter(user=user).select_related("track", "plan").order_by("created_at", "id")
    out = []
    for enrolment in rows:
        plan = getattr(enrolment, "plan", None)
        out.append(
            {
                "track": enrolment.track.slug,
                "hours_per_week": jsonable(enrolment.hours_per_week),
                "start_date": jsonable(enrolment.start_date),
                "target_date": jsonable(enrolment.target_date),
                "include_optional": enrolment.include_optional,
                "created_at": jsonable(enrolment.created_at),
                "plan": _pick(plan, PLAN_FIELDS) if plan is not None else None,
            }
        )
    return out


def _progress(user: AbstractBaseUser) -> list[dict[str, Any]]:
    rows = Progress.objects.filter(user=user).select_related("milestone__stage")
    return [
        {
            "milestone": row.milestone.slug,
            "state": row.state,
            "evidence": row.evidence,
            "started_at": jsonable(row.started_at),
            "completed_at": jsonable(row.completed_at),
        }
        for row in rows
    ]


def _sign_offs(user: AbstractBaseUser) -> list[dict[str, Any]]:
    rows = SignOff.objects.filter(learner=user).select_related("milestone", "mentor")
    return [
        {
            "milestone": row.milestone.slug,
            "mentor": row.mentor.get_username() if row.mentor else None,
            "created_at": jsonable(row.created_at),
        }
        for row in rows
    ]


def _submissions(user: AbstractBaseUser) -> list[dict[str, Any]]:
    rows = (
        Submission.objects.filter(user=user)
        .select_related("exercise")
        # Each row carries its exercise: only the two fields the export names, not statements and starters.
        .only(*SUBMISSION_COLUMNS, "exercise__slug", "exercise__version", "exercise__kind")
        .order_by("created_at", "id")
    )
    # Reviews grouped here rather than by prefetch_related, which clones a queryset per submission: that alone was
    # half the export's time at 1,000 submissions (scripts/bench_export.py).
    reviews: dict[int, list[Review]] = {}
    received = (
        Review.objects.filter(submission__user=user)
        .select_related("mentor")
        .prefetch_related("comments")
        .order_by("created_at", "id")
    )
    for review in received:
        reviews.setdefault(review.submission_id, []).append(review)
    explained = quizzes_with_explanations_for_learner(user.pk)
    return [_submission(row, reviews.get(row.pk, []), explained) for row in rows]


def _submission(row: Submission, reviews: list[Review], explained: set[int]) -> dict[str, Any]:
    result = _pick(row, RESULT_FIELDS)
    if row.exercise.kind == Exercise.Kind.QUIZ:
        # A quiz's explanations give its answers away: the export shows them as the submission page does.
        result["checks"], result["metrics"] = quiz_result_get(submission=row, explanations=row.exercise_id in explained)
    return {
        "exercise": row.exercise.slug,
        "exercise_version": row.exercise.version,
        "exercise_sha256": row.exercise_sha256,
        "attempt": row.attempt,
        "job_id": str(row.job_id),
        "payload": row.payload,
        "counts_against_quota": row.counts_against_quota,
        "created_at": jsonable(row.created_at),
        "finished_at": jsonable(row.finished_at),
        # A re-grade of the attempt (a new result of the same code), and when a re-grade replaced this verdict.
        "regrade": row.regrade_of_id is not None,
        "superseded_at": jsonable(row.superseded_at),
        **result,
        "reviews": [_review(review) for review in reviews],
    }


def _review(review: Review) -> dict[str, Any]:
    return {
        "mentor": review.mentor.get_username(),
        "verdict": review.verdict,
        "body": review.body,
        "score_override": review.score_override,
        "override_reason": review.override_reason,
        "created_at": jsonable(review.created_at),
        "comments": [{"line": comment.line, "body": comment.body} for comment in review.comments.all()],
    }


def progress_csv_rows(*, user: AbstractBaseUser) -> tuple[list[str], list[list[Any]]]:
    """One row per milestone of each track the learner is enrolled in (a milestone in two tracks appears in
    both), then the milestones of no track of theirs (track column empty); stable English column names."""
    progress = {row.milestone_id: row for row in Progress.objects.filter(user=user).select_related("milestone__stage")}
    rows: list[list[Any]] = []
    seen: set[int] = set()
    enrolments = Enrolment.objects.filter(user=user).select_related("track").prefetch_related("track__items")
    for enrolment in enrolments:
        for item in enrolment.track.items.all():
            row = progress.get(item.milestone_id)
            if row is not None:
                seen.add(row.milestone_id)
                rows.append(_csv_row(enrolment.track.slug, row))
    rows.extend(_csv_row("", row) for milestone_id, row in progress.items() if milestone_id not in seen)
    return PROGRESS_COLUMNS, rows


def _csv_row(track: str, row: Progress) -> list[Any]:
    milestone = row.milestone
    return [
        track,
        milestone.stage.slug,
        milestone.slug,
        milestone.title_en,
        row.state,
        row.evidence,
        jsonable(milestone.hours),
        jsonable(row.started_at) or "",
        jsonable(row.completed_at) or "",
    ]


def share_link_live(*, user: AbstractBaseUser) -> ShareLink | None:
    return ShareLink.objects.filter(user=user, revoked_at__isnull=True).first()


def shared_learner_get(*, key: str) -> AbstractBaseUser | None:
    """The learner behind a live share key; None for an unknown or revoked one (the page is a 404 either way,
    so a revoked link says nothing about the account). Deleted accounts share nothing."""
    link = (
        ShareLink.objects.filter(key=key, revoked_at__isnull=True, user__is_active=True).select_related("user").first()
    )
    return link.user if link is not None else None


def passed_exercises_get(*, user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Each exercise the learner passed, with their best score and the first day they passed it; never code."""
    rows = (
        Submission.objects.filter(user=user, status=SubmissionStatus.PASSED, superseded_at__isnull=True)
        .values("exercise__slug", "exercise__title_en", "exercise__title_zh", "exercise__milestone__slug")
        .annotate(best=Max("score"), first=Min("finished_at"))
        .order_by("exercise__milestone__stage__order", "exercise__milestone__order", "exercise__slug")
    )
    return [
        {
            "slug": row["exercise__slug"],
            "title": bilingual({"title_en": row["exercise__title_en"], "title_zh": row["exercise__title_zh"]}),
            "milestone": row["exercise__milestone__slug"],
            "score": row["best"],
            "passed_on": row["first"],
        }
        for row in rows
    ]
