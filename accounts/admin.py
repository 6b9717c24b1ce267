from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, EmailSent, MentorAssignment, Notification, Profile
from accounts.notifications import notification_show


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["mentor", "learner", "created_at"]
    search_fields = ["mentor__username", "learner__username"]
    autocomplete_fields = ["mentor", "learner"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "text", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["user", "milestone", "track", "submission__exercise", "review__mentor", "cohort"]
    raw_id_fields = ["user", "milestone", "track", "submission", "review", "cohort"]

    @admin.display(description=_("text"))
    def text(self, obj: Notification) -> str:
        return notification_show(obj).text


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "language", "time_zone", "email_weekly_digest", "deleted_at"]
    list_filter = ["language", "email_weekly_digest"]
    search_fields = ["user__username", "display_name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see and revoke tokens, never their keys (only a digest is stored)."""

    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at"]
    search_fields = ["user__username", "name", "prefix"]
    readonly_fields = ["user", "name", "prefix", "digest", "password_stamp", "created_at", "last_used_at", "expires_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(EmailSent)
class EmailSentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "key", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["user__username", "key"]
