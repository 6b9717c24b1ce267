"""Where this app's notifications lead (accounts.notifications asks, by kind, through its registry)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from accounts.models import Notification


def _cohort_page(notification: Any) -> str:
    return reverse("cohort-detail", args=[notification.cohort_id]) if notification.cohort_id else ""


def _mentoring_page(notification: Any) -> str:
    return reverse("mentoring-requests")


def _submission_page(notification: Any) -> str:
    return reverse("submission-detail", args=[notification.submission_id]) if notification.submission_id else ""


NOTIFICATION_LINKS: dict[str, Callable[[Any], str]] = {
    Notification.Kind.COHORT_JOINED: _cohort_page,
    Notification.Kind.MENTORING_TAKEN: _submission_page,
    Notification.Kind.MENTORSHIP_ENDED: _mentoring_page,
}
