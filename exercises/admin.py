from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exercises.models import Exercise, ProgressEvent, Review, ReviewComment, SignOff, Submission
from exercises.selectors import exercise_libraries, library_q
from exercises.services.regrading import exercise_regrade, submission_regrade


def _queued(request: HttpRequest, n: int) -> str:
    return ngettext("%(n)s re-grade queued.", "%(n)s re-grades queued.", n) % {"n": n}


def percent(value: float | None) -> str | None:
    """A score of 0..1 as a list reads it: 9.1 %, not 0.0909090909 (None shows the admin's empty value)."""
    return None if value is None else f"{value * 100:.1f} %"


class LibraryListFilter(admin.SimpleListFilter):
    """Exercises that allow or need a library (exercise.yaml `libraries.allowed`, `requires`)."""

    title = _("library")
    parameter_name = "library"

    def lookups(self, request, model_admin):
        return [(name, name) for name in exercise_libraries()]

    def queryset(self, request, queryset):
        return queryset.filter(library_q(self.value())) if self.value() else queryset


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "milestone", "order", "required", "pass_threshold_percent", "version", "active"]
    list_filter = [
        "kind",
        ("milestone__stage", admin.RelatedOnlyFieldListFilter),
        LibraryListFilter,
        "active",
        "required",
    ]
    list_select_related = ["milestone"]
    search_fields = ["slug", "title_en", "title_zh"]
    # Synced from the bank by `load_exercises`; edits here would be overwritten.
    readonly_fields = ["sha256", "version"]
    actions = ["regrade_all"]

    @admin.display(description=_("pass threshold"), ordering="pass_threshold")
    def pass_threshold_percent(self, obj: Exercise) -> str | None:
        return percent(obj.pass_threshold)

    @admin.action(description=_("Re-grade every submission of the selected exercises"))
    def regrade_all(self, request: HttpRequest, queryset: QuerySet[Exercise]) -> None:
        n = sum(len(exercise_regrade(exercise=exercise, by=request.user)) for exercise in queryset)
        self.message_user(request, _queued(request, n), messages.SUCCESS)


class ProgressEventInline(admin.TabularInline):
    model = ProgressEvent
    extra = 0
    readonly_fields = ["step", "total", "loss", "metric", "samples_per_s", "created_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "exercise",
        "attempt",
        "status",
        "score_percent",
        "error_code",
        "delivery_attempts",
        "created_at",
    ]
    list_filter = ["status", "error_code", "exercise__kind"]
    search_fields = ["user__username", "exercise__slug", "job_id"]
    raw_id_fields = ["user", "exercise", "regrade_of", "regraded_by"]
    readonly_fields = ["job_id", "seed", "exercise_sha256", "created_at", "started_at", "finished_at"]
    inlines = [ProgressEventInline]
    actions = ["regrade"]

    @admin.action(description=_("Re-grade the selected submissions"))
    def regrade(self, request: HttpRequest, queryset: QuerySet[Submission]) -> None:
        graded = [row for row in queryset.select_related("exercise") if row.is_final]
        for submission in graded:
            submission_regrade(submission=submission, by=request.user)
        self.message_user(request, _queued(request, len(graded)), messages.SUCCESS)

    @admin.display(description=_("score"), ordering="score")
    def score_percent(self, obj: Submission) -> str | None:
        return percent(obj.score)


class ReviewCommentInline(admin.TabularInline):
    model = ReviewComment
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "submission", "mentor", "verdict", "score_override_percent", "created_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["submission", "mentor"]
    inlines = [ReviewCommentInline]

    @admin.display(description=_("score override"), ordering="score_override")
    def score_override_percent(self, obj: Review) -> str | None:
        return percent(obj.score_override)


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["learner", "milestone", "mentor", "created_at"]
    raw_id_fields = ["learner", "milestone", "mentor"]
    search_fields = ["learner__username", "milestone__slug"]
