"""Leaderboards of model and fine-tuning exercises: who takes part (with a display name) and which boards are closed.

A board is not a row: every ranked exercise has a global board, and each cohort a board per ranked exercise. Only
what people decide is stored: an `Entry` (a learner opts in to an exercise's boards under a display name) and a
`Closing` (a mentor or staff closed a board, revealing its private ranking; there is no re-opening).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Entry(models.Model):
    """A learner takes part in an exercise's boards (the global one and those of their cohorts) under a name."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaderboard_entries")
    exercise = models.ForeignKey("exercises.Exercise", on_delete=models.CASCADE, related_name="leaderboard_entries")
    display_name = models.CharField(max_length=32)
    # The name as compared for uniqueness (NFKC, case-folded, without spaces and separators): "Ada L" and "ada_l"
    # are one name, so nobody can pass for another entrant.
    name_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="unique_leaderboard_entry"),
            models.UniqueConstraint(fields=["exercise", "name_key"], name="unique_leaderboard_name"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} on {self.exercise_id}"


class Closing(models.Model):
    """A board closed: the global one (`cohort` null) by staff, a cohort's by its mentor or staff."""

    exercise = models.ForeignKey("exercises.Exercise", on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "cohort"], condition=models.Q(cohort__isnull=False), name="unique_cohort_closing"
            ),
            models.UniqueConstraint(
                fields=["exercise"], condition=models.Q(cohort__isnull=True), name="unique_global_closing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id}/{self.cohort_id or 'global'} closed {self.closed_at:%Y-%m-%d}"
