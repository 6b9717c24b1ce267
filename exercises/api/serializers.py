"""Input and output shapes of the exercises API. Outputs list their fields: nothing hidden leaks by default."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import IdField
from config.bounds import max_length
from exercises.feedback import check_display
from exercises.models import FINAL_STATUSES, Exercise, Review, SubmissionStatus
from exercises.selectors import EXPLANATIONS_HIDDEN, quiz_result_get, submission_error_get
from exercises.services.artefact_scores import MAX_COMMENT_CHARS
from exercises.services.reviews import MAX_LINE_COMMENT_CHARS, MAX_REVIEW_CHARS
from exercises.services.submissions import SOURCE_NOT_TEXT


@extend_schema_field(
    {
        "type": "object",
        "properties": {"en": {"type": "string"}, "zh": {"type": "string"}},
        "required": ["en", "zh"],
    }
)
class BilingualField(serializers.Field):
    """{en, zh} from a model's `<name>_en` / `<name>_zh` pair."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.base = name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return {"en": getattr(value, f"{self.base}_en"), "zh": getattr(value, f"{self.base}_zh")}


class QuotaOutput(serializers.Serializer):
    limit = serializers.IntegerField()
    used = serializers.IntegerField()
    remaining = serializers.IntegerField()


class QuotaExceededOutput(serializers.Serializer):
    detail = serializers.CharField()
    quota = QuotaOutput()


class ExerciseOutput(serializers.Serializer):
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Exercise.Kind.choices)
    milestone = serializers.SlugField(source="milestone.slug")
    order = serializers.IntegerField()
    required = serializers.BooleanField()
    version = serializers.IntegerField()
    title = BilingualField("title")
    limits = serializers.JSONField()
    pass_threshold = serializers.FloatField()
    metric = serializers.JSONField(allow_null=True)


class ExerciseDetailOutput(ExerciseOutput):
    statement = BilingualField("statement")
    starter = serializers.CharField()
    entry = serializers.ListField(child=serializers.CharField())
    # Public extras only (quiz questions without answers or explanations): what load_exercises stored.
    public = serializers.JSONField()
    quota = QuotaOutput(allow_null=True, required=False)


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers instead of turning 12 into "12": code is sent as a string."""

    default_error_messages = {"invalid": SOURCE_NOT_TEXT}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class SubmissionCreateInput(serializers.Serializer):
    exercise = serializers.SlugField()
    source = StrictCharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False, allow_empty_file=True)
    answers = serializers.DictField(required=False)
    config = serializers.DictField(required=False)
    url = serializers.CharField(required=False, allow_blank=True, max_length=4000, help_text="Artefacts: a link.")
    writeup = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="Artefacts: the write-up in Markdown."
    )
    notebook = serializers.JSONField(
        required=False, help_text="Artefacts: a Jupyter notebook, as .ipynb text or as its JSON object."
    )
    notebook_file = serializers.FileField(
        required=False, allow_empty_file=True, help_text="Artefacts: a Jupyter notebook (.ipynb) as a file upload."
    )


class SubmissionErrorOutput(serializers.Serializer):
    """Why a submission ended `error`: a code (timeout, memory, output_limit, syntax, import, crash, bank_mismatch,
    internal) and a message the learner can act on, in English and in the request's language."""

    code = serializers.CharField()
    message = serializers.CharField(help_text="English, as stored.")
    label = serializers.CharField(help_text="What the code means, in the request's language.")
    message_display = serializers.CharField(help_text="The advice and this run's detail, in the request's language.")
    message_i18n = serializers.JSONField(
        required=False, help_text="The text as the grader keeps it (a message key with params); absent on old results."
    )


class SubmissionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    exercise = serializers.SlugField(source="exercise.slug")
    kind = serializers.ChoiceField(choices=Exercise.Kind.choices, source="exercise.kind")
    attempt = serializers.IntegerField()
    status = serializers.ChoiceField(choices=SubmissionStatus.choices)
    score = serializers.FloatField(allow_null=True)
    error = serializers.SerializerMethodField()
    counts_against_quota = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(SubmissionErrorOutput(allow_null=True))
    def get_error(self, obj: Any) -> dict[str, Any] | None:
        # `viewer` in the context: staff read a platform failure's detail, everyone else a plain message.
        return submission_error_get(submission=obj, viewer=self.context.get("viewer"))


class ProgressEventOutput(serializers.Serializer):
    step = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    loss = serializers.FloatField(allow_null=True)
    metric = serializers.FloatField(allow_null=True)
    samples_per_s = serializers.FloatField(allow_null=True)
    created_at = serializers.DateTimeField()


class ReviewCommentOutput(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    body = serializers.CharField()


class ReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    mentor = serializers.CharField(source="mentor.username")
    verdict = serializers.ChoiceField(choices=Review.Verdict.choices)
    body = serializers.CharField()
    score_override = serializers.FloatField(allow_null=True)
    override_reason = serializers.CharField()
    comments = ReviewCommentOutput(many=True)
    rubric = serializers.JSONField(
        help_text="An artefact's rubric scores: [{criterion, points, max, comment}], in the rubric's order; else []."
    )
    created_at = serializers.DateTimeField()


class CheckOutput(serializers.Serializer):
    name = serializers.CharField(help_text="English, as stored.")
    passed = serializers.BooleanField()
    message = serializers.CharField(allow_blank=True, help_text="English, as stored.")
    name_display = serializers.CharField(help_text="The name in the request's language.")
    message_display = serializers.CharField(allow_blank=True, help_text="The message in the request's language.")
    name_i18n = serializers.JSONField(
        required=False, help_text="The name as the grader keeps it: {en, zh} or a message key with params."
    )
    message_i18n = serializers.JSONField(required=False, help_text="The message as the grader keeps it.")


class SubmissionDetailOutput(SubmissionOutput):
    """A quiz's explanations give its answers away: `metrics.questions.<id>.explanation` is there only when
    `explanations_visible` (set by the view for the reader; absent means hidden), and check messages carry the
    verdict only."""

    payload = serializers.JSONField()
    checks = serializers.SerializerMethodField()
    metrics = serializers.SerializerMethodField()
    explanations_visible = serializers.SerializerMethodField(
        help_text="Quizzes only (null otherwise): whether `metrics.questions` carries the explanations."
    )
    explanations_note = serializers.SerializerMethodField(
        help_text="Why explanations are hidden; empty when they are shown or the exercise is not a quiz."
    )
    curve = serializers.JSONField()
    stdout_tail = serializers.CharField()
    stderr_tail = serializers.CharField()
    usage = serializers.JSONField()
    runtime = serializers.JSONField()
    events = ProgressEventOutput(many=True)
    reviews = ReviewOutput(many=True)
    quota = QuotaOutput(required=False)

    def _quiz(self, obj: Any) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        if obj.exercise.kind != Exercise.Kind.QUIZ:
            return None
        return quiz_result_get(submission=obj, explanations=self._visible(obj))

    @staticmethod
    def _visible(obj: Any) -> bool:
        return getattr(obj, "explanations_visible", False) is True

    @extend_schema_field(CheckOutput(many=True))
    def get_checks(self, obj: Any) -> list[dict[str, Any]]:
        quiz = self._quiz(obj)
        checks = quiz[0] if quiz is not None else [check for check in obj.checks or [] if isinstance(check, dict)]
        out = []
        for check in checks:
            shown = check_display(check)
            out.append({**check, "name_display": shown["name"], "message_display": shown["message"]})
        return out

    @extend_schema_field(serializers.JSONField())
    def get_metrics(self, obj: Any) -> dict[str, Any]:
        quiz = self._quiz(obj)
        return quiz[1] if quiz is not None else obj.metrics

    def get_explanations_visible(self, obj: Any) -> bool | None:
        return self._visible(obj) if obj.exercise.kind == Exercise.Kind.QUIZ else None

    def get_explanations_note(self, obj: Any) -> str:
        return EXPLANATIONS_HIDDEN if obj.exercise.kind == Exercise.Kind.QUIZ and not self._visible(obj) else ""


class ReviewCommentInput(serializers.Serializer):
    # A line of the code: there are never more lines than bytes.
    line = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=settings.PATHWISE_MAX_CODE_BYTES
    )
    body = serializers.CharField(max_length=MAX_LINE_COMMENT_CHARS)


class ReviewCreateInput(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Review.Verdict.choices)
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_REVIEW_CHARS)
    comments = ReviewCommentInput(many=True, required=False, default=list)
    score_override = serializers.FloatField(required=False, allow_null=True, default=None)
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length(Review, "override_reason")
    )


class ReviewQueueItemOutput(SubmissionOutput):
    learner = serializers.CharField(source="user.username")
    review_requested_at = serializers.DateTimeField(
        allow_null=True, help_text="When the learner asked for a review of this attempt; null when they did not."
    )
    milestone = serializers.SlugField(source="exercise.milestone.slug")
    needs_sign_off = serializers.SerializerMethodField()
    waiting_s = serializers.SerializerMethodField()

    def get_needs_sign_off(self, obj: Any) -> bool:
        return obj.exercise.milestone.completion == "mentor"

    def get_waiting_s(self, obj: Any) -> int:
        now = self.context["now"]
        return int((now - (obj.finished_at or obj.created_at)).total_seconds())


class ReviewQueueQueryInput(serializers.Serializer):
    learner = IdField(required=False, help_text="One of your learners' id.")
    exercise = serializers.SlugField(required=False, help_text="An exercise's slug.")
    status = serializers.ChoiceField(
        choices=[c for c in SubmissionStatus.choices if c[0] in FINAL_STATUSES], required=False
    )
    all = serializers.BooleanField(
        required=False,
        default=False,
        help_text="true: every unreviewed submission; by default only those that need a human (failed after a real "
        "attempt, passed on a required or mentor-signed milestone, or asked for review).",
    )


class ReviewRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    review_requested_at = serializers.DateTimeField()


class SubmissionListQueryInput(serializers.Serializer):
    learner = IdField(required=False, help_text="A learner's id (their mentors, staff).")


class SignOffInput(serializers.Serializer):
    learner = IdField()
    milestone = serializers.SlugField()


class SignOffOutput(serializers.Serializer):
    learner = serializers.IntegerField(source="learner_id")
    milestone = serializers.SlugField(source="milestone.slug")
    signed_off = serializers.BooleanField(default=True, read_only=True)
    mentor = serializers.CharField(source="mentor.username", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    withdrawable_until = serializers.DateTimeField(help_text="Until then, the sign-off can be withdrawn.")


class RubricScoreInput(serializers.Serializer):
    criterion = serializers.CharField(max_length=100, help_text="A criterion id of the exercise's rubric.")
    points = serializers.FloatField(help_text="From 0 to the criterion's points.")
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_COMMENT_CHARS)


class ArtefactScoreInput(serializers.Serializer):
    scores = RubricScoreInput(many=True, allow_empty=False, help_text="One score per criterion of the rubric.")
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=MAX_REVIEW_CHARS)


class RegradeOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The re-grade: a new submission of the same attempt.")
    regrade_of = serializers.IntegerField(source="regrade_of_id")
    status = serializers.CharField()


class ExerciseRegradeInput(serializers.Serializer):
    since = serializers.DateTimeField(required=False, help_text="Only submissions made from then on.")


class ExerciseRegradeOutput(serializers.Serializer):
    queued = serializers.IntegerField()
    submissions = RegradeOutput(many=True)
