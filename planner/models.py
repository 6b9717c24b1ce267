"""The roadmap (stages, milestones, prerequisites, resources, tracks) and each learner's place on it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.bounds import MAX_SLUG_CHARS, MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS
from config.i18n import field


class BilingualMixin(models.Model):
    """English and Simplified Chinese titles and summaries, picked by the active language."""

    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200)
    summary_en = models.TextField(blank=True)
    summary_zh = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        return field(self, "title")

    @property
    def summary(self) -> str:
        return field(self, "summary")


class Stage(BilingualMixin):
    slug = models.SlugField(max_length=MAX_SLUG_CHARS, unique=True)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title_en


class Completion(models.TextChoices):
    AUTO = "auto", _("Auto-graded exercise")
    MENTOR = "mentor", _("Mentor sign-off")
    SELF = "self", _("Self-report")


class Milestone(BilingualMixin):
    slug = models.SlugField(max_length=MAX_SLUG_CHARS, unique=True)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="milestones")
    order = models.PositiveSmallIntegerField(default=0)
    hours = models.DecimalField(max_digits=6, decimal_places=1, validators=[MinValueValidator(0.5)])
    completion = models.CharField(max_length=10, choices=Completion.choices, default=Completion.SELF)
    topics_en = models.JSONField(default=list, blank=True)
    topics_zh = models.JSONField(default=list, blank=True)
    # Short bilingual recall cards for spaced review once the milestone is done: [{front: {en, zh}, back: {en, zh}}].
    recall = models.JSONField(default=list, blank=True)
    prerequisites = models.ManyToManyField("self", symmetrical=False, related_name="dependants", blank=True)

    class Meta:
        ordering = ["stage__order", "order", "id"]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("milestone-detail", args=[self.slug])

    @property
    def topics(self) -> list[str]:
        return field(self, "topics")


class Resource(models.Model):
    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        COURSE = "course", _("Course")
        PAPER = "paper", _("Paper")
        DOCS = "docs", _("Documentation")
        VIDEO = "video", _("Video")
        WEBSITE = "website", _("Website")
        COMMUNITY = "community", _("Community")

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="resources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    authors = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["milestone", "order"]

    def __str__(self) -> str:
        return f"{self.title} ({self.authors})" if self.authors else self.title


class Track(BilingualMixin):
    class Role(models.TextChoices):
        DATA_SCIENTIST = "data_scientist", _("Data scientist")
        NLP_ENGINEER = "nlp_engineer", _("NLP engineer")
        ML_ENGINEER = "ml_engineer", _("ML engineer")
        RESEARCH_SCIENTIST = "research_scientist", _("Research scientist")
        DL_ENGINEER = "dl_engineer", _("Deep learning engineer")

    slug = models.SlugField(max_length=MAX_SLUG_CHARS, unique=True)
    role = models.CharField(max_length=24, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    milestones = models.ManyToManyField(Milestone, through="TrackMilestone", related_name="tracks")

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title_en


class TrackMilestone(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="items")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="track_items")
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["track", "order"]
        constraints = [models.UniqueConstraint(fields=["track", "milestone"], name="unique_track_milestone")]

    def __str__(self) -> str:
        return f"{self.track.slug}: {self.milestone.slug}"


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="enrolments")
    hours_per_week = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=10,
        validators=[MinValueValidator(MIN_WEEKLY_HOURS), MaxValueValidator(MAX_WEEKLY_HOURS)],
    )
    start_date = models.DateField()
    target_date = models.DateField(null=True, blank=True)
    include_optional = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "track"], name="unique_user_track")]

    def __str__(self) -> str:
        return f"{self.user} in {self.track.slug}"


class ProgressState(models.TextChoices):
    LOCKED = "locked", _("Locked")
    AVAILABLE = "available", _("Available")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class Evidence(models.TextChoices):
    SELF = "self", _("Self")
    AUTO = "auto", _("Auto-graded")
    MENTOR = "mentor", _("Mentor")


SATISFIED_STATES = (ProgressState.DONE, ProgressState.SKIPPED)


class Progress(models.Model):
    """A learner's state on one milestone; shared by all their tracks."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="progress")
    state = models.CharField(max_length=12, choices=ProgressState.choices, default=ProgressState.LOCKED)
    evidence = models.CharField(max_length=8, choices=Evidence.choices, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # A done milestone whose evidence stopped holding (a re-graded exercise no longer passes): it stays done, never
    # silently removed, and carries why, as a key and params rendered in the reader's language; null when none.
    review_reason = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["milestone__stage__order", "milestone__order"]
        constraints = [models.UniqueConstraint(fields=["user", "milestone"], name="unique_user_milestone")]
        indexes = [models.Index(fields=["user", "state"])]
        verbose_name_plural = "progress"

    def __str__(self) -> str:
        return f"{self.user} {self.milestone.slug}: {self.state}"

    @property
    def satisfied(self) -> bool:
        return self.state in SATISFIED_STATES


class Plan(models.Model):
    """A dated week-by-week schedule of an enrolment's remaining milestones (a derived artefact)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="plan")
    generated_at = models.DateTimeField(auto_now=True)
    start_date = models.DateField()
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=1)
    pace_hours_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    finish_date = models.DateField(null=True, blank=True)
    feasible = models.BooleanField(default=True)
    required_hours_per_week = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    remaining_hours = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    weeks = models.JSONField(default=list)
    message = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"plan for {self.enrolment}"
