"""The export document's shape, checked before anything is restored: a malformed document is refused as a whole
with messages that name the bad field (`submissions[3].attempt: ...`), and nothing is stored."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Profile
from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, max_length
from exercises.models import Exercise, Review, SubmissionStatus
from planner.models import Evidence, Milestone, ProgressState, Track
from portability.learning import CardIn, GoalIn, NoteIn
from portability.selectors import FORMAT, VERSION

NOT_AN_EXPORT = _('This is not a Pathwise export: expected a JSON object with "format": "%(format)s".')
UNSUPPORTED_VERSION = _("This export has version %(version)s; this instance reads version %(supported)s.")
BAD_DOCUMENT = _("The export is malformed: %(errors)s")

MAX_ITEMS = 100_000


class _ProfileIn(serializers.Serializer):
    username = serializers.CharField(
        max_length=max_length(get_user_model(), "username"), required=False, allow_blank=True
    )
    display_name = serializers.CharField(
        max_length=max_length(Profile, "display_name"), required=False, allow_blank=True
    )
    language = serializers.CharField(max_length=10, required=False, allow_blank=True)
    time_zone = serializers.CharField(max_length=64, required=False, allow_blank=True)
    email_review_received = serializers.BooleanField(required=False)
    email_submission_graded = serializers.BooleanField(required=False)
    email_milestone_signed_off = serializers.BooleanField(required=False)
    email_weekly_digest = serializers.BooleanField(required=False)


class _EnrolmentIn(serializers.Serializer):
    track = serializers.SlugField(max_length=max_length(Track, "slug"))
    hours_per_week = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS
    )
    start_date = serializers.DateField()
    target_date = serializers.DateField(allow_null=True, required=False)
    include_optional = serializers.BooleanField(default=False)
    plan = serializers.DictField(allow_null=True, required=False)


class _ProgressIn(serializers.Serializer):
    milestone = serializers.SlugField(max_length=max_length(Milestone, "slug"))
    state = serializers.ChoiceField(choices=ProgressState.choices)
    evidence = serializers.ChoiceField(choices=[("", ""), *Evidence.choices], allow_blank=True, default="")
    started_at = serializers.DateTimeField(allow_null=True, required=False)
    completed_at = serializers.DateTimeField(allow_null=True, required=False)


class _SignOffIn(serializers.Serializer):
    milestone = serializers.SlugField(max_length=max_length(Milestone, "slug"))
    created_at = serializers.DateTimeField(required=False)


class _ReviewIn(serializers.Serializer):
    mentor = serializers.CharField(max_length=150)
    verdict = serializers.ChoiceField(choices=Review.Verdict.choices)


class _SubmissionIn(serializers.Serializer):
    exercise = serializers.SlugField(max_length=max_length(Exercise, "slug"))
    attempt = serializers.IntegerField(min_value=1, max_value=1_000_000)
    exercise_sha256 = serializers.CharField(max_length=64, allow_blank=True, default="")
    payload = serializers.DictField()
    status = serializers.ChoiceField(choices=SubmissionStatus.choices)
    score = serializers.FloatField(allow_null=True, required=False)
    checks = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    metrics = serializers.DictField(required=False, default=dict)
    curve = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    stdout_tail = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    stderr_tail = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    usage = serializers.DictField(required=False, default=dict)
    error_code = serializers.CharField(max_length=20, allow_blank=True, required=False, default="")
    error_message = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    error_i18n = serializers.DictField(allow_null=True, required=False, default=None)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True, required=False)
    reviews = serializers.ListField(child=_ReviewIn(), required=False, default=list, max_length=MAX_ITEMS)
    regrade = serializers.BooleanField(default=False)
    superseded_at = serializers.DateTimeField(allow_null=True, required=False, default=None)


class ExportDocumentIn(serializers.Serializer):
    format = serializers.CharField()
    version = serializers.IntegerField()
    profile = _ProfileIn(required=False)
    enrolments = serializers.ListField(child=_EnrolmentIn(), default=list, max_length=MAX_ITEMS)
    progress = serializers.ListField(child=_ProgressIn(), default=list, max_length=MAX_ITEMS)
    sign_offs = serializers.ListField(child=_SignOffIn(), default=list, max_length=MAX_ITEMS)
    submissions = serializers.ListField(child=_SubmissionIn(), default=list, max_length=MAX_ITEMS)
    notes = serializers.ListField(child=NoteIn(), default=list, max_length=MAX_ITEMS)
    review_cards = serializers.ListField(child=CardIn(), default=list, max_length=MAX_ITEMS)
    weekly_goal = GoalIn(allow_null=True, required=False)


def _path(prefix: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else str(key)


def _flatten(errors: Any, prefix: str = "") -> list[str]:
    """DRF's nested error structure as `path: message` lines, the first few only."""
    if isinstance(errors, dict):
        # A list's errors come keyed by index (ListField), an object's by field name.
        paths = {
            key: f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}" if prefix else key for key in errors
        }
        return [line for key, value in errors.items() for line in _flatten(value, paths[key])]
    if isinstance(errors, list):
        if all(isinstance(item, str) for item in errors):
            return [f"{prefix}: {item}" for item in errors]
        return [line for n, item in enumerate(errors) if item for line in _flatten(item, f"{prefix}[{n}]")]
    return [f"{prefix}: {errors}"]


def document_clean(document: Any) -> dict[str, Any]:
    """The validated document (dates parsed, defaults filled), or a ValidationError a person can act on."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(NOT_AN_EXPORT, code="not_an_export", params={"format": FORMAT})
    if document.get("version") != VERSION:
        params = {"version": document.get("version"), "supported": VERSION}
        raise ValidationError(UNSUPPORTED_VERSION, code="unsupported_version", params=params)
    parsed = ExportDocumentIn(data=document)
    if not parsed.is_valid():
        raise malformed(parsed.errors)
    return dict(parsed.validated_data)


def malformed(errors: Any) -> ValidationError:
    """The refusal of a document whose parts fail (a serializer's or a service's errors, by path)."""
    return ValidationError(BAD_DOCUMENT, code="malformed", params={"errors": "; ".join(_flatten(errors)[:5])})
