"""Creating submissions: payload validation, quota, attempt numbers, enqueue on commit."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from exercises.models import Exercise, Submission, SubmissionStatus

# User-facing messages: module constants so tests and pages share them.
SOURCE_REQUIRED = "Send your code as text in `source` or as a file upload in `file`."
SOURCE_NOT_TEXT = "`source` must be a string of Python code."
SOURCE_TOO_LARGE = "Your code is {size} bytes; the limit is {limit} bytes."
SOURCE_NOT_UTF8 = "Your file is not UTF-8 text. Save it as UTF-8 and upload it again."
SOURCE_EMPTY = "Your code is empty."
ANSWERS_REQUIRED = "Send your answers as `answers`: an object mapping question ids to answers."
UNKNOWN_QUESTIONS = "Unknown question id(s): {ids}."
CONFIG_REQUIRED = "Send your training configuration as `config`: an object of settings."
EXERCISE_INACTIVE = "This exercise is not open for submissions."
QUOTA_EXHAUSTED = (
    "You have used all {limit} submissions for this exercise today. "
    "The count resets at midnight UTC; platform failures never count."
)

GRADE_TASK = "exercises.grade_submission"
GRADING_QUEUE = "grading"
# A queued submission nobody picked up by then is re-enqueued by the sweep (a lost message, a broker restart).
QUEUED_GRACE_S = 600


class QuotaExceeded(Exception):
    """The learner used today's submissions for this exercise; the API answers 429."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(QUOTA_EXHAUSTED.format(limit=limit))


@dataclass(frozen=True)
class Quota:
    limit: int
    used: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def as_dict(self) -> dict[str, int]:
        return {"limit": self.limit, "used": self.used, "remaining": self.remaining}


def quota_limit(exercise: Exercise) -> int:
    return exercise.daily_quota if exercise.daily_quota is not None else settings.PATHWISE_DAILY_QUOTA


def quota_day_start(now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    return now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def counts_today() -> Q:
    """The submissions that use today's quota (of one learner and exercise, with their filter)."""
    return Q(counts_against_quota=True, created_at__gte=quota_day_start())


def quota_get(*, user: AbstractBaseUser, exercise: Exercise) -> Quota:
    used = Submission.objects.filter(counts_today(), user=user, exercise=exercise).count()
    return Quota(limit=quota_limit(exercise), used=used)


def decode_upload(data: bytes) -> str:
    """Bytes of an uploaded file -> text, or a ValidationError a learner can act on."""
    limit = settings.PATHWISE_MAX_CODE_BYTES
    if len(data) > limit:
        raise ValidationError({"source": [SOURCE_TOO_LARGE.format(size=len(data), limit=limit)]})
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError({"source": [SOURCE_NOT_UTF8]}) from None


def payload_clean(*, exercise: Exercise, payload: dict[str, Any]) -> dict[str, Any]:
    """The kind-specific payload, validated; only the fields the grader reads are kept."""
    kind = exercise.kind
    if kind in (Exercise.Kind.CODE, Exercise.Kind.MODEL):
        source = payload.get("source")
        if source is None:
            raise ValidationError({"source": [SOURCE_REQUIRED]})
        if not isinstance(source, str):
            raise ValidationError({"source": [SOURCE_NOT_TEXT]})
        size = len(source.encode("utf-8", errors="surrogatepass"))
        limit = settings.PATHWISE_MAX_CODE_BYTES
        if size > limit:
            raise ValidationError({"source": [SOURCE_TOO_LARGE.format(size=size, limit=limit)]})
        if "\x00" in source or any(0xD800 <= ord(ch) <= 0xDFFF for ch in source):
            raise ValidationError({"source": [SOURCE_NOT_UTF8]})
        if not source.strip():
            raise ValidationError({"source": [SOURCE_EMPTY]})
        return {"source": source}
    if kind == Exercise.Kind.QUIZ:
        answers = payload.get("answers")
        if not isinstance(answers, dict):
            raise ValidationError({"answers": [ANSWERS_REQUIRED]})
        known = {q.get("id") for q in (exercise.public or {}).get("questions", [])}
        unknown = sorted(str(key) for key in answers if key not in known)
        if known and unknown:
            raise ValidationError({"answers": [UNKNOWN_QUESTIONS.format(ids=", ".join(unknown))]})
        return {"answers": answers}
    config = payload.get("config")
    if not isinstance(config, dict):
        raise ValidationError({"config": [CONFIG_REQUIRED]})
    from gpu_runner.graders.finetune import validate_config

    errors = validate_config(exercise.slug, config)
    if errors:
        # validate_config's messages name their field and its range ("epochs must be an integer between 1 and 10").
        raise ValidationError({"config": [errors[field] for field in sorted(errors)]})
    return {"config": config}


def submission_create(*, user: AbstractBaseUser, exercise: Exercise, payload: dict[str, Any]) -> Submission:
    """Store a submission (attempt n, secret seed, the exercise's hash) and grade it.

    Quizzes run no learner code, so they are graded here in the request; every other kind is enqueued
    on the `grading` queue once the transaction commits (a worker must never see a row that is not there).
    """
    if not exercise.active:
        raise ValidationError({"exercise": [EXERCISE_INACTIVE]})
    clean = payload_clean(exercise=exercise, payload=payload)
    now = timezone.now()
    with transaction.atomic():
        # One learner's submissions are serialised on their user row, so two parallel requests can
        # neither both take the last quota slot nor both take attempt n.
        get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
        seen = _used_and_last_attempt(user=user, exercise=exercise)
        quota = Quota(limit=quota_limit(exercise), used=seen["used"])
        if quota.remaining <= 0:
            raise QuotaExceeded(quota.limit)
        last = seen["last"] or 0
        submission = Submission(
            user=user,
            exercise=exercise,
            attempt=last + 1,
            payload=clean,
            exercise_sha256=exercise.sha256,
            seed=secrets.randbits(62),
            status=SubmissionStatus.QUEUED,
            deadline_at=now + dt.timedelta(seconds=QUEUED_GRACE_S),
        )
        # Field validation only: user and exercise are the rows at hand (the user's locked), the attempt number
        # was taken under that lock and job_id is a fresh UUID, so the existence and uniqueness queries
        # full_clean would add could not fail; the database's constraints still back them.
        submission.full_clean(exclude=["user", "exercise"], validate_unique=False, validate_constraints=False)
        submission.save()
        if exercise.kind != Exercise.Kind.QUIZ:
            submission_enqueue(submission_id=submission.pk)
    if exercise.kind == Exercise.Kind.QUIZ:
        from exercises.services.grading import submission_grade

        submission_grade(submission_id=submission.pk)
        submission.refresh_from_db()
    return submission


def _used_and_last_attempt(*, user: AbstractBaseUser, exercise: Exercise) -> dict[str, int]:
    """Today's quota use and the last attempt number in one round trip; each is its own subquery, so each
    reads only its part of the (user, exercise, ...) indexes however many attempts the learner has made."""
    mine = Submission.objects.filter(user=user, exercise=exercise).order_by()
    used = mine.filter(counts_today()).values("exercise_id").annotate(n=Count("id")).values("n")
    last = mine.order_by("-attempt").values("attempt")[:1]
    return (
        Exercise.objects.filter(pk=exercise.pk)
        .values(used=Coalesce(Subquery(used), 0), last=Coalesce(Subquery(last), 0))
        .get()
    )


def submission_enqueue(*, submission_id: int) -> None:
    """Send the grading task when the surrounding transaction commits (now, outside one)."""
    # The project's app by name, not `current_app`: another Celery app created in this process (a library,
    # a test) must not capture the message with its own routes.
    from config.celery import app as celery_app

    transaction.on_commit(lambda: celery_app.send_task(GRADE_TASK, args=[submission_id], queue=GRADING_QUEUE))
