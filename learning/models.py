"""A learner's own learning records, each owned by one user and tied to a milestone by its slug (so an export
names it and an import finds it): notes, review cards with their FSRS state and log, a weekly goal, and the
reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planner.models import Milestone

NOTE_MAX_CHARS = 20_000


class Note(models.Model):
    """A learner's private Markdown note on a milestone; their mentors read it only while it is shared."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("note"), max_length=NOTE_MAX_CHARS, blank=True)
    shared_with_mentors = models.BooleanField(_("share with my mentors"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "milestone"], name="one_note_per_learner_milestone")]
        verbose_name = _("note")

    def __str__(self) -> str:
        return f"{self.user} on {self.milestone.slug}"

    def get_absolute_url(self) -> str:
        return f"{self.milestone.get_absolute_url()}#note"


class CardSource(models.TextChoices):
    QUIZ = "quiz", _("Quiz question")
    RECALL = "recall", _("Recall card")


class Rating(models.IntegerChoices):
    """FSRS's four ratings, with its numbers (fsrs.Rating)."""

    AGAIN = 1, _("Again")
    HARD = 2, _("Hard")
    GOOD = 3, _("Good")
    EASY = 4, _("Easy")


class ReviewCard(models.Model):
    """One thing to remember from a done milestone, with the FSRS memory state the scheduler reads and writes.

    `key` names the card within the learner's cards ("recall:<milestone>:<n>", "quiz:<exercise>:<question>");
    `content` is what the card shows, copied when the card is made or refreshed: the question as public, and for a
    quiz the answer the learner gave when they passed it (the bank's hidden answers never reach this table).
    Cards of a milestone that is no longer done are kept (their memory state with them) but inactive.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="review_cards")
    source = models.CharField(max_length=8, choices=CardSource.choices)
    key = models.CharField(max_length=200)
    content = models.JSONField(default=dict)
    active = models.BooleanField(default=True)
    # fsrs.Card's fields: state 1 learning, 2 review, 3 relearning; `step` within the (re)learning steps.
    state = models.PositiveSmallIntegerField(default=1)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_review_card_per_key")]
        indexes = [models.Index(fields=["user", "active", "due"])]
        verbose_name = _("review card")

    def __str__(self) -> str:
        return f"{self.user}: {self.key}"


class ReviewLog(models.Model):
    """One rating of one card: the history FSRS could be re-fitted from."""

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    # A quiz card's answer, checked: None for a recall card (the learner judges themself).
    correct = models.BooleanField(null=True, blank=True)
    first = models.BooleanField(default=False, help_text="The card's first review (a new card introduced).")
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["user", "reviewed_at"])]
        verbose_name = _("review log entry")

    def __str__(self) -> str:
        return f"{self.card.key}: {self.rating}"


class GoalKind(models.TextChoices):
    HOURS = "hours", _("Hours of milestones")
    ITEMS = "items", _("Milestones and exercises")


class WeeklyGoal(models.Model):
    """What a learner means to do each week (Monday to Sunday, their time): hours of milestones done, or a number
    of milestones and of exercises passed. Streaks count the weeks in which it was met."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_goal")
    kind = models.CharField(_("goal"), max_length=8, choices=GoalKind.choices, default=GoalKind.HOURS)
    hours = models.DecimalField(_("hours a week"), max_digits=5, decimal_places=1, null=True, blank=True)
    milestones = models.PositiveSmallIntegerField(_("milestones a week"), null=True, blank=True)
    exercises = models.PositiveSmallIntegerField(_("exercises a week"), null=True, blank=True)
    reminders = models.BooleanField(_("remind me when I fall behind"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("weekly goal")

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class ReminderSent(models.Model):
    """A reminder already sent: one per learner, condition and ISO week of theirs, whatever runs the job twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent")
    condition = models.CharField(max_length=100)
    week = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "condition", "week"], name="one_reminder_per_condition_week")
        ]
        verbose_name = _("reminder sent")

    def __str__(self) -> str:
        return f"{self.user}: {self.condition} {self.week}"
