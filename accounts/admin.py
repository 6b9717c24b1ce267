from django.contrib import admin

from accounts.models import MentorAssignment, Notification


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["mentor", "learner", "created_at"]
    search_fields = ["mentor__username", "learner__username"]
    autocomplete_fields = ["mentor", "learner"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "message", "created_at", "read_at"]
    list_filter = ["kind"]
