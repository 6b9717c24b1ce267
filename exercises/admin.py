from django.contrib import admin

from exercises.models import Exercise, ProgressEvent, Review, ReviewComment, Submission


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "milestone", "order", "required", "version", "active"]
    list_filter = ["kind", "active", "required"]
    search_fields = ["slug", "title_en", "title_zh"]
    # Synced from the bank by `load_exercises`; edits here would be overwritten.
    readonly_fields = ["sha256", "version"]


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
        "score",
        "error_code",
        "delivery_attempts",
        "created_at",
    ]
    list_filter = ["status", "error_code", "exercise__kind"]
    search_fields = ["user__username", "exercise__slug", "job_id"]
    raw_id_fields = ["user", "exercise"]
    readonly_fields = ["job_id", "seed", "exercise_sha256", "created_at", "started_at", "finished_at"]
    inlines = [ProgressEventInline]


class ReviewCommentInline(admin.TabularInline):
    model = ReviewComment
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "submission", "mentor", "verdict", "score_override", "created_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["submission", "mentor"]
    inlines = [ReviewCommentInline]
