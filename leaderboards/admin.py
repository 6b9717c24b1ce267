from django.contrib import admin

from leaderboards.models import Closing, Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Staff remove an entry whose display name offends; the learner may opt in again under another."""

    list_display = ["display_name", "user", "exercise", "created_at"]
    search_fields = ["display_name", "user__username", "exercise__slug"]
    raw_id_fields = ["user", "exercise"]
    readonly_fields = ["user", "exercise", "display_name", "name_key", "created_at"]

    def has_add_permission(self, request) -> bool:  # learners opt in themselves (the name rules live there)
        return False


@admin.register(Closing)
class ClosingAdmin(admin.ModelAdmin):
    list_display = ["exercise", "cohort", "closed_by", "closed_at"]
    raw_id_fields = ["exercise", "cohort", "closed_by"]
