"""Webhook endpoints, the events they are sent, and one delivery per (endpoint, event).

An event is stored once, with the id receivers deduplicate on; a delivery is unique per (endpoint, event): fanning
the same event out twice delivers it once. The secret is stored as it is (see Endpoint).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    SUBMISSION_GRADED = "submission.graded", _("A submission was graded")
    MILESTONE_COMPLETED = "milestone.completed", _("A milestone was completed")
    REVIEW_CREATED = "review.created", _("A mentor reviewed a submission")
    SIGNOFF_CREATED = "signoff.created", _("A mentor signed off a milestone")
    LEARNER_BEHIND_PLAN = "learner.behind_plan", _("A learner fell behind plan")


class Endpoint(models.Model):
    """A URL that receives events: global (no cohort: staff's, every learner's events) or a cohort's (its mentors',
    that cohort's learners' events only).

    The secret signs every delivery (HMAC-SHA256), so it must be read back as it is: it is stored in plain text, like
    the signing secrets of GitHub's and Stripe's webhooks. A digest (as for API tokens) could not sign, and encrypting
    it under a key kept in the same settings would only guard a leak of the database alone; it is shown once (at
    creation and at rotation), never in the API's reads or the admin's forms, and it grants nothing on this site.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints")
    cohort = models.ForeignKey(
        "cohorts.Cohort", null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(max_length=64)
    active = models.BooleanField(_("active"), default=True)
    # Deliveries in a row that failed for good (every retry spent); any success resets it.
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook endpoint")

    def __str__(self) -> str:
        return self.url


class Event(models.Model):
    """Something that happened, as every endpoint is sent it: `id` is the event id of the body (receivers
    deduplicate on it); `data` holds ids, slugs, statuses and scores, never code or notes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=32, choices=EventType.choices)
    # Whose event it is: a cohort's endpoints get its members' events only.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook event")

    def __str__(self) -> str:
        return f"{self.type} {self.id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Attempts of the current round (a re-send starts a new round: `round` + 1, attempts 0); the task carries its
    # round, so a retry left over from an earlier round does nothing.
    attempts = models.PositiveIntegerField(default=0)
    round = models.PositiveIntegerField(default=1)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="one_delivery_per_endpoint_event")]
        indexes = [models.Index(fields=["endpoint", "status"])]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id}: {self.status}"
