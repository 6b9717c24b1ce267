"""Cohorts (a class, a bootcamp, a study group run by mentors on one track), the invitations that bring learners in,
and mentoring requests (Exercism's model: a learner without a mentor asks; any mentor who opted in for the track
takes it).

Who may read whose data stays one rule, accounts.MentorAssignment (planner and exercises ask it). This app adds the
reasons behind the links it makes: a cohort's mentors mentor its members, a taken request makes a Mentorship. A link
this app made is recorded as a ManagedAssignment and removed when its last reason ends; links made by hand (the
admin) are never removed here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentorMade(models.Model):
    """A row a mentor (or staff) makes for a cohort: who made it, kept as nobody once their account goes, and when;
    newest first."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Cohort(MentorMade):
    name = models.CharField(_("name"), max_length=120)
    track = models.ForeignKey(
        "planner.Track", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("track")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts_mentored", verbose_name=_("mentors")
    )

    class Meta(MentorMade.Meta):
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        # Staff grant it (a group or a user permission in the admin) to someone who mentors nobody yet.
        permissions = [("mentor", "Can mentor: run cohorts and take mentoring requests")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=F("start_date")),
                name="cohort_target_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohort-detail", args=[self.pk])


class Invitation(MentorMade):
    """A way into a cohort: a join link (or its code) shared by the mentor, or a link mailed to one address.

    Only a SHA-256 digest of the 128-bit code is stored; the code is shown (or mailed) once, when made. An
    invitation admits `seats` learners until `expires_at`, unless revoked first.
    """

    class Kind(models.TextChoices):
        LINK = "link", _("Join link")
        EMAIL = "email", _("Email")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    seats = models.PositiveIntegerField(_("seats"))
    used = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(MentorMade.Meta):
        verbose_name = _("invitation")
        constraints = [
            # The seat limit holds in the database too: a join that would pass it fails its conditional update.
            models.CheckConstraint(condition=Q(used__lte=F("seats")), name="invitation_used_within_seats"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="invitation_has_a_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} invitation to {self.cohort}"

    @property
    def state(self) -> str:
        """active, revoked, expired or full: whether it still admits anyone, and if not, why."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        if self.used >= self.seats:
            return "full"
        return "active"


class Membership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships")
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("cohort membership")
        constraints = [models.UniqueConstraint(fields=["cohort", "learner"], name="unique_cohort_learner")]

    def __str__(self) -> str:
        return f"{self.learner} in {self.cohort}"


class MentorOptIn(models.Model):
    """A mentor takes mentoring requests for this track."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_tracks")
    track = models.ForeignKey("planner.Track", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring opt-in")
        constraints = [models.UniqueConstraint(fields=["mentor", "track"], name="unique_mentor_opt_in")]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.track}"


class MentoringRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a mentor")
        TAKEN = "taken", _("Taken")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_requests")
    track = models.ForeignKey("planner.Track", on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey("exercises.Submission", on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentoring_requests_taken",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    taken_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("mentoring request")
        constraints = [
            # One request waits per learner and track: a second one would only queue the same learner twice.
            models.UniqueConstraint(
                fields=["learner", "track"], condition=Q(status="open"), name="one_open_request_per_track"
            )
        ]
        indexes = [models.Index(fields=["status", "track", "created_at"])]

    def __str__(self) -> str:
        return f"{self.learner} asks for a mentor in {self.track}: {self.status}"


class Mentorship(models.Model):
    """A mentor mentoring a learner for a track because the mentor took the learner's request; either side ends it
    (deleting the row; the request keeps the history)."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_given")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships")
    track = models.ForeignKey("planner.Track", on_delete=models.CASCADE, related_name="+")
    request = models.OneToOneField(MentoringRequest, on_delete=models.CASCADE, related_name="mentorship")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("mentorship")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "learner", "track"], name="unique_mentorship"),
            models.CheckConstraint(condition=~Q(mentor=F("learner")), name="mentorship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.learner} in {self.track}"


class ManagedAssignment(models.Model):
    """A mentor assignment this app made (for a cohort or a taken request): removed with its last reason. An
    assignment made by hand has no such row and is left alone."""

    assignment = models.OneToOneField(
        "accounts.MentorAssignment", on_delete=models.CASCADE, related_name="managed", primary_key=True
    )

    class Meta:
        verbose_name = _("managed mentor assignment")

    def __str__(self) -> str:
        return f"managed: {self.assignment}"
