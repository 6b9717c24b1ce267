"""Creating submissions: payload validation, quota, attempt numbers, enqueue on commit."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
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
from django.utils.translation import gettext_lazy as _

from config.celery import app as celery_app
from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.services.artefacts import artefact_clean
from gpu_runner import queues

# What a learner reads when a submission is refused: translated where defined, raised with a code (and params).
SOURCE_REQUIRED = _("Send your code as text in `source` or as a file upload in `file`.")
SOURCE_NOT_TEXT = _("`source` must be a string of Python code.")
SOURCE_TOO_LARGE = _("Your code is %(size)s bytes; the limit is %(limit)s bytes.")
SOURCE_NOT_UTF8 = _("Your file is not UTF-8 text. Save it as UTF-8 and upload it again.")
SOURCE_EMPTY = _("Your code is empty.")
ANSWERS_REQUIRED = _("Send your answers as `answers`: an object mapping question ids to answers.")
UNKNOWN_QUESTIONS = _("Unknown question id(s): %(ids)s.")
QUESTION_NOT_ANSWERED = _("Question %(n)s: not answered.")
QUESTION_UNKNOWN_OPTION = _("Question %(n)s: “%(value)s” is not one of its options.")
QUESTION_ONE_OPTION = _("Question %(n)s: choose one of its options.")
QUESTION_OPTIONS = _("Question %(n)s: choose options from its list.")
QUESTION_NOT_A_NUMBER = _("Question %(n)s: “%(value)s” is not a number.")
SOURCE_SYNTAX_ERROR = _(
    "Your code does not compile, so it was not graded and used no submission (line %(line)s, column %(column)s): "
    "%(error)s"
)
CONFIG_REQUIRED = _("Send your training configuration as `config`: an object of settings.")
EXERCISE_INACTIVE = _("This exercise is not open for submissions.")
QUOTA_EXHAUSTED = _(
    "You have used all %(limit)s submissions for this exercise today. "
    "The count resets at midnight in your time zone; platform failures never count."
)

# kombu's Redis transport keeps priorities 0-9 in steps [0, 3, 6, 9] and pops the lower number first; a message
# without one (a learner's submission) counts as 0. The filesystem transport (a laptop's default) has no priorities.
REGRADE_PRIORITY = 9

# A queued submission nobody picked up by then is re-enqueued by the sweep (a lost message, a broker restart).
QUEUED_GRACE_S = 600


class QuotaExceeded(Exception):
    """The learner used today's submissions for this exercise; the API answers 429."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(QUOTA_EXHAUSTED % {"limit": limit})


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
    """Midnight of today in the current time zone: the learner's own once accounts activated it for the request
    (their profile's time zone), else the site's."""
    now = timezone.localtime(now or timezone.now())
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def counts_today() -> Q:
    """The submissions that use today's quota (of one learner and exercise, with their filter)."""
    return Q(counts_against_quota=True, created_at__gte=quota_day_start())


def quota_get(*, user: AbstractBaseUser, exercise: Exercise) -> Quota:
    used = Submission.objects.filter(counts_today(), user=user, exercise=exercise).count()
    return Quota(limit=quota_limit(exercise), used=used)


def _too_large(size: int, limit: int) -> ValidationError:
    error = ValidationError(SOURCE_TOO_LARGE, code="source_too_large", params={"size": size, "limit": limit})
    return ValidationError({"source": error})


def decode_upload(data: bytes) -> str:
    """Bytes of an uploaded file -> text, or a ValidationError a learner can act on."""
    limit = settings.PATHWISE_MAX_CODE_BYTES
    if len(data) > limit:
        raise _too_large(len(data), limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError({"source": ValidationError(SOURCE_NOT_UTF8, code="source_not_utf8")}) from None


def payload_clean(*, exercise: Exercise, payload: dict[str, Any]) -> dict[str, Any]:
    """The kind-specific payload, validated; only the fields the grader reads are kept."""
    if exercise.kind == Exercise.Kind.ARTEFACT:
        return artefact_clean(exercise=exercise, payload=payload)[0]
    if exercise.kind in (Exercise.Kind.CODE, Exercise.Kind.MODEL):
        return {"source": _source_clean(payload.get("source"))}
    if exercise.kind == Exercise.Kind.QUIZ:
        return {"answers": _answers_clean(exercise, payload.get("answers"))}
    return {"config": _config_clean(exercise, payload.get("config"))}


def _source_clean(source: Any) -> str:
    if source is None:
        raise ValidationError({"source": ValidationError(SOURCE_REQUIRED, code="source_required")})
    if not isinstance(source, str):
        raise ValidationError({"source": ValidationError(SOURCE_NOT_TEXT, code="source_not_text")})
    size = len(source.encode("utf-8", errors="surrogatepass"))
    limit = settings.PATHWISE_MAX_CODE_BYTES
    if size > limit:
        raise _too_large(size, limit)
    if "\x00" in source or any(0xD800 <= ord(ch) <= 0xDFFF for ch in source):
        raise ValidationError({"source": ValidationError(SOURCE_NOT_UTF8, code="source_not_utf8")})
    if not source.strip():
        raise ValidationError({"source": ValidationError(SOURCE_EMPTY, code="source_empty")})
    _compiles(source)
    return source


def _answers_clean(exercise: Exercise, answers: Any) -> dict[str, Any]:
    if not isinstance(answers, dict):
        raise ValidationError({"answers": ValidationError(ANSWERS_REQUIRED, code="answers_required")})
    questions = (exercise.public or {}).get("questions", [])
    known = {q.get("id") for q in questions}
    unknown = sorted(str(key) for key in answers if key not in known)
    if known and unknown:
        params = {"ids": ", ".join(unknown)}
        raise ValidationError({"answers": ValidationError(UNKNOWN_QUESTIONS, code="unknown_questions", params=params)})
    errors = [error for n, q in enumerate(questions, 1) if (error := _answer_error(n, q, answers.get(q.get("id"))))]
    if errors:
        raise ValidationError({"answers": errors})
    return answers


def _config_clean(exercise: Exercise, config: Any) -> dict[str, Any]:
    if not isinstance(config, dict):
        raise ValidationError({"config": ValidationError(CONFIG_REQUIRED, code="config_required")})
    from gpu_runner.graders.finetune import validate_config

    errors = validate_config(exercise.slug, config)
    if errors:
        # validate_config's messages name their field and its range ("epochs must be an integer between 1 and 10").
        raise ValidationError({"config": [errors[field] for field in sorted(errors)]})
    return config


def _compiles(source: str) -> None:
    """A syntax error is the learner's to fix before grading: refused here, so it stores nothing and uses no
    submission. compile() parses and builds bytecode; it runs nothing (learner code runs only in the sandbox)."""
    try:
        compile(source, "<submission>", "exec", dont_inherit=True)
    except SyntaxError as exc:  # IndentationError and TabError too
        params = {"line": exc.lineno or 1, "column": exc.offset or 1, "error": exc.msg}
        raise ValidationError({"source": ValidationError(SOURCE_SYNTAX_ERROR, code="syntax", params=params)}) from None
    except (RecursionError, MemoryError, ValueError):
        # The compiler's own limits (deeply nested code), which depend on this process's stack: the sandbox,
        # which compiles it again, decides.
        pass


def _answer_error(n: int, question: dict[str, Any], answer: Any) -> ValidationError | None:
    """Why a quiz answer cannot be graded (unanswered, not one of the options, not a number), or None."""
    if answer is None or answer == "" or answer == []:
        return ValidationError(QUESTION_NOT_ANSWERED, code="not_answered", params={"n": n})
    options = [str(option.get("id")) for option in question.get("options", [])]
    qtype = question.get("type")
    if qtype == "choice":
        if not isinstance(answer, str):
            return ValidationError(QUESTION_ONE_OPTION, code="one_option", params={"n": n})
        picked = [answer]
    elif qtype == "multi":
        if not isinstance(answer, list) or not all(isinstance(one, str) for one in answer):
            return ValidationError(QUESTION_OPTIONS, code="options", params={"n": n})
        picked = answer
    else:
        if not _is_number(answer):
            return ValidationError(QUESTION_NOT_A_NUMBER, code="not_a_number", params={"n": n, "value": _shown(answer)})
        return None
    wrong = next((one for one in picked if one not in options), None)
    if wrong is not None:
        return ValidationError(QUESTION_UNKNOWN_OPTION, code="unknown_option", params={"n": n, "value": _shown(wrong)})
    return None


# A number as a person writes one: "3", "-0.5", ".5", "1e-3" ("inf", "nan" and "1_000" are not).
_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def _is_number(answer: Any) -> bool:
    """A numeric answer: a JSON number or a number written as text, whatever its size (one too large to compare
    is graded wrong, with that said, by the quiz grader)."""
    if isinstance(answer, bool):
        return False
    if isinstance(answer, int):
        return True
    if isinstance(answer, float):
        return math.isfinite(answer)
    return isinstance(answer, str) and _NUMBER.fullmatch(answer) is not None


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 40 else text[:39] + "…"


def submission_create(*, user: AbstractBaseUser, exercise: Exercise, payload: dict[str, Any]) -> Submission:
    """Store a submission (attempt n, secret seed, the exercise's hash) and grade it.

    Quizzes run no learner code, so they are graded here in the request; an artefact's checks run here too and
    it waits for a mentor's rubric scores (status `review`, never a job); every other kind is enqueued on the
    `grading` queue once the transaction commits (a worker must never see a row that is not there).
    """
    if not exercise.active:
        raise ValidationError({"exercise": ValidationError(EXERCISE_INACTIVE, code="exercise_inactive")})
    artefact = exercise.kind == Exercise.Kind.ARTEFACT
    checks: list[dict[str, Any]] = []
    if artefact:
        clean, checks = artefact_clean(exercise=exercise, payload=payload)
    else:
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
            status=SubmissionStatus.REVIEW if artefact else SubmissionStatus.QUEUED,
            checks=checks,
            deadline_at=None if artefact else now + dt.timedelta(seconds=QUEUED_GRACE_S),
        )
        # Field validation only: user and exercise are the rows at hand (the user's locked), the attempt number
        # was taken under that lock and job_id is a fresh UUID, so the existence and uniqueness queries
        # full_clean would add could not fail; the database's constraints still back them.
        submission.full_clean(exclude=["user", "exercise"], validate_unique=False, validate_constraints=False)
        submission.save()
        if exercise.kind not in (Exercise.Kind.QUIZ, Exercise.Kind.ARTEFACT):
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


def submission_enqueue(*, submission_id: int, regrade: bool = False) -> None:
    """Send the grading task when the surrounding transaction commits (now, outside one); a re-grade at the lowest
    priority, so that learners' new submissions are taken first."""
    # The project's app by name, not `current_app`: another Celery app created in this process (a library,
    # a test) must not capture the message with its own routes.
    send = celery_app.send_task
    options = {"priority": REGRADE_PRIORITY} if regrade else {}
    transaction.on_commit(lambda: send(queues.GRADE_SUBMISSION, args=[submission_id], queue=queues.GRADING, **options))
