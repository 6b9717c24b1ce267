"""Who mentors whom, and in-app notifications: shared by planner and exercises."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorAssignment(models.Model):
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_links")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentor", "learner"], name="unique_mentor_learner"),
            models.CheckConstraint(condition=~models.Q(mentor=models.F("learner")), name="mentor_is_not_learner"),
        ]
        verbose_name = _("mentor assignment")

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.learner}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMISSION_GRADED = "submission_graded", _("Submission graded")
        REVIEW_POSTED = "review_posted", _("Review posted")
        MILESTONE_UNLOCKED = "milestone_unlocked", _("Milestone unlocked")
        MILESTONE_DONE = "milestone_done", _("Milestone done")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.message}"
