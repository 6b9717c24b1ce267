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
    """Something that happened to a learner, stored as a kind, its params and what it is about, never as text:
    accounts.notifications renders it per kind in the reader's language, with links from the targets.

    The targets are other apps' rows, named by app label (accounts imports neither planner nor exercises);
    deleting one deletes the notifications about it.
    """

    class Kind(models.TextChoices):
        SUBMISSION_GRADED = "submission_graded", _("Submission graded")
        REVIEW_POSTED = "review_posted", _("Review posted")
        MILESTONE_UNLOCKED = "milestone_unlocked", _("Milestone unlocked")
        MILESTONE_DONE = "milestone_done", _("Milestone done")
        ENROLLED = "enrolled", _("Enrolled")
        SIGN_OFF_WITHDRAWN = "sign_off_withdrawn", _("Sign-off withdrawn")
        COHORT_JOINED = "cohort_joined", _("Learner joined your cohort")
        MENTORING_TAKEN = "mentoring_taken", _("Mentoring request taken")
        MENTORSHIP_ENDED = "mentorship_ended", _("Mentoring ended")
        EVIDENCE_REVIEW = "evidence_review", _("Milestone evidence to review")
        BEHIND_PLAN = "behind_plan", _("Behind plan")
        WEBHOOK_DISABLED = "webhook_disabled", _("Webhook disabled")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    milestone = models.ForeignKey(
        "planner.Milestone", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    track = models.ForeignKey("planner.Track", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(
        "exercises.Submission", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    review = models.ForeignKey("exercises.Review", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class Profile(models.Model):
    """What a person sets about themself: name shown, language, time zone, which mails they want."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    # Blank: follow the browser (Accept-Language, the language menu).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    # Blank: the site's TIME_ZONE. Validated against the IANA database by the service.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    email_review_received = models.BooleanField(_("a mentor reviewed my submission"), default=True)
    email_submission_graded = models.BooleanField(_("my submission was graded"), default=False)
    email_milestone_signed_off = models.BooleanField(_("a mentor signed off a milestone"), default=True)
    email_weekly_digest = models.BooleanField(_("weekly digest"), default=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("profile")

    def __str__(self) -> str:
        return f"profile of {self.user}"


class ApiToken(models.Model):
    """One API client's credential. Only a hash of the key is stored; the key is shown once, when created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    # A digest of the password hash at creation: a token outlives no password change, whatever path changed it.
    password_stamp = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.user}: {self.name} ({self.prefix}…)"


class EmailSent(models.Model):
    """A mail sent (or being sent), keyed so that each is sent once: a digest per user and ISO week, a notification
    per notification id, a cohort invitation per invitation id. An invitation may go to an address with no account
    yet: its row has no user."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification")
        WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
        INVITATION = "invitation", _("Cohort invitation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="emails_sent"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # Rendered when prepared, in the reader's language: a retry sends exactly what was prepared.
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="unique_email_per_key"),
            # Rows without a user (invitations) are keyed by kind and key alone: NULLs never collide above.
            models.UniqueConstraint(
                fields=["kind", "key"], condition=models.Q(user__isnull=True), name="unique_email_per_key_no_user"
            ),
        ]
        indexes = [models.Index(fields=["kind", "key"]), models.Index(fields=["status", "created_at"])]
        verbose_name = _("email sent")
        verbose_name_plural = _("emails sent")

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.user}: {self.status}"
