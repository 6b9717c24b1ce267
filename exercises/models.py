"""Exercises (mirrored from the bank), submissions and their grading results, reviews."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.bounds import MAX_SLUG_CHARS
from config.i18n import field
from planner.models import Milestone


class Exercise(models.Model):
    """The public face of a bank exercise; hidden files stay in the bank and never reach this table."""

    class Kind(models.TextChoices):
        CODE = "code", _("Code")
        MODEL = "model", _("Model")
        QUIZ = "quiz", _("Quiz")
        FINETUNE = "finetune", _("Fine-tuning")
        ARTEFACT = "artefact", _("Artefact (mentor-scored)")

    slug = models.SlugField(max_length=MAX_SLUG_CHARS, unique=True)
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="exercises")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    sha256 = models.CharField(max_length=64)
    title_en = models.CharField(max_length=200)
    title_zh = models.CharField(max_length=200)
    statement_en = models.TextField()
    statement_zh = models.TextField()
    starter = models.TextField(blank=True)
    entry = models.JSONField(default=list, blank=True)
    public = models.JSONField(default=dict, blank=True, help_text="Public extras, e.g. quiz questions without answers.")
    limits = models.JSONField(default=dict)
    pass_threshold = models.FloatField(default=1.0)
    metric = models.JSONField(null=True, blank=True)
    daily_quota = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["milestone__stage__order", "milestone__order", "order", "slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("exercise-detail", args=[self.slug])

    @property
    def title(self) -> str:
        return field(self, "title")

    @property
    def statement(self) -> str:
        return field(self, "statement")


# Where each kind is graded: fine-tuning on a GPU host (the gpu queue), code, model and quiz exercises by the web
# side's grading workers, artefacts by a mentor. Model and fine-tuning exercises are scored on hidden rows split
# into a public and a private part: they have leaderboards.
GPU_KINDS = (Exercise.Kind.FINETUNE,)
WORKER_KINDS = (Exercise.Kind.CODE, Exercise.Kind.MODEL, Exercise.Kind.QUIZ)
RANKED_KINDS = (Exercise.Kind.MODEL, Exercise.Kind.FINETUNE)


class SubmissionStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    ERROR = "error", _("Error")
    # An artefact passed its automatic checks and waits for a mentor to score its rubric (never a worker's job).
    REVIEW = "review", _("Awaiting a mentor")


FINAL_STATUSES = (SubmissionStatus.PASSED, SubmissionStatus.FAILED, SubmissionStatus.ERROR)
# What a Submission keeps of the grader's report (gpu_runner's JobResult) besides its verdict and error: the checks,
# numbers and output tails, each up to tens of KiB.
GRADER_OUTPUT_FIELDS = ("checks", "metrics", "curve", "stdout_tail", "stderr_tail", "usage")


class Submission(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="submissions")
    attempt = models.PositiveIntegerField()
    job_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.QUEUED)
    payload = models.JSONField(default=dict)
    exercise_sha256 = models.CharField(max_length=64)
    seed = models.BigIntegerField(default=0)
    # Worker deliveries; reject-on-worker-loss redelivers a job that kills its worker forever without a cap.
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    counts_against_quota = models.BooleanField(default=True)
    score = models.FloatField(null=True, blank=True)
    checks = models.JSONField(default=list, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    curve = models.JSONField(default=list, blank=True)
    stdout_tail = models.TextField(blank=True)
    stderr_tail = models.TextField(blank=True)
    usage = models.JSONField(default=dict, blank=True)
    runtime = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=20, blank=True)
    error_message = models.TextField(blank=True)
    # The error's text as gpu_runner.texts keeps it (a keyed message with params), rendered in the reader's
    # language; null for results stored before it existed, whose English `error_message` is shown instead.
    error_i18n = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    deadline_at = models.DateTimeField(null=True, blank=True)
    # The claim's lease (exercises.services.leases): the process grading it and until when, renewed while it runs.
    lease_owner = models.CharField(max_length=200, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # A re-grade (exercises.services.regrading) is a new row of the same attempt, linked to the one it grades again;
    # both stay in the history. It spends no quota. `superseded_at` marks a row whose verdict a later re-grade
    # replaced: the evidence a milestone completes on reads only rows that are not superseded.
    regrade_of = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="regrades")
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    # The learner asked their mentors to look at this attempt (exercises.services.reviews.review_request): it stays
    # in the mentors' review queue whatever its status until someone reviews it.
    review_requested_at = models.DateTimeField(null=True, blank=True)
    # A model exercise's score on the public and the private part of its hidden rows (gpu_runner.leaderboard), for
    # the leaderboards. The private one is taken out of `metrics` when recorded and never shown by this app: only
    # a closed leaderboard reveals it.
    public_score = models.FloatField(null=True, blank=True, editable=False)
    private_score = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One learner submission per attempt number; its re-grades share the number.
            models.UniqueConstraint(
                fields=["user", "exercise", "attempt"],
                condition=models.Q(regrade_of__isnull=True),
                name="unique_submission_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "exercise", "created_at"]),
            models.Index(fields=["status", "deadline_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.exercise.slug} #{self.attempt}: {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("submission-detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def code(self) -> str:
        return str(self.payload.get("source", ""))


class ProgressEvent(models.Model):
    """A step of a long job (fine-tuning): drawn as the live progress bar and the learning curve."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    step = models.PositiveIntegerField()
    total = models.PositiveIntegerField(null=True, blank=True)
    loss = models.FloatField(null=True, blank=True)
    metric = models.FloatField(null=True, blank=True)
    samples_per_s = models.FloatField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "step", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id} step {self.step}/{self.total}"


class Review(models.Model):
    class Verdict(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")
        COMMENT = "comment", _("Comment")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_given")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    body = models.TextField(blank=True)
    # Kept beside the automatic score, never replacing it.
    score_override = models.FloatField(null=True, blank=True)
    override_reason = models.CharField(max_length=500, blank=True)
    # An artefact's rubric scores: [{criterion, points, max, comment}], in the rubric's order; empty otherwise.
    rubric = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.mentor} on {self.submission_id}: {self.verdict}"


class ReviewComment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    line = models.PositiveIntegerField(null=True, blank=True, help_text="1-based line of the code; empty = whole.")
    body = models.TextField()

    class Meta:
        ordering = ["line", "id"]

    def __str__(self) -> str:
        return f"line {self.line}: {self.body[:40]}"


class SignOff(models.Model):
    """A mentor's word that a learner met a mentor-completion milestone: the evidence behind its done state.

    One per learner and milestone; withdrawing it (within PATHWISE_SIGN_OFF_GRACE_HOURS) deletes it and reopens
    the milestone.
    """

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_offs")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="sign_offs")
    # Null for sign-offs recorded before this table existed (their mentor was not kept).
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="sign_offs_given"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["learner", "milestone"], name="unique_sign_off")]

    def __str__(self) -> str:
        return f"{self.mentor} signed off {self.milestone.slug} for {self.learner}"

    @property
    def withdrawable_until(self) -> dt.datetime:
        return self.created_at + dt.timedelta(hours=settings.PATHWISE_SIGN_OFF_GRACE_HOURS)
