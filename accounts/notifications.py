"""Notifications as a reader reads them: one template per kind (templates/accounts/notifications/<kind>.txt)
says what happened in the active language, from the notification's targets and params; links come from the
targets (get_absolute_url, reverse), never from stored text.

A kind's template renders two parts: `text`, one sentence that stands alone (the API, the admin), and `body`,
what the page shows under the kind's heading, so the heading is not said twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from accounts.extensions import registry
from accounts.models import Notification


@dataclass(frozen=True)
class ShownNotification:
    heading: str
    body: str
    text: str
    page_url: str
    api_url: str


def _reverse(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired (an API-only deployment)
        return ""


def _page_url(notification: Notification) -> str:
    link = registry.notification_links.get(notification.kind)
    if link is not None:
        try:
            return link(notification)
        except NoReverseMatch:
            return ""
    if notification.submission_id is not None:
        return _reverse("submission-detail", notification.submission_id)
    if notification.milestone_id is not None:
        return _reverse("milestone-detail", notification.milestone.slug)
    if notification.track_id is not None:
        dashboard = _reverse("dashboard")
        return f"{dashboard}?track={notification.track.slug}" if dashboard else ""
    return ""


def _api_url(notification: Notification) -> str:
    """What API clients follow: the submission resource; a milestone or track notification keeps its page."""
    if notification.submission_id is not None:
        return _reverse("api-submission-detail", notification.submission_id)
    return _page_url(notification)


def _render(notification: Notification, part: str) -> str:
    context = {"n": notification, "params": notification.params or {}, "part": part}
    return render_to_string(f"accounts/notifications/{notification.kind}.txt", context).strip()


def notification_show(notification: Notification) -> ShownNotification:
    """The notification in the active language. Read it with accounts.selectors.notification_list, which
    fetches the targets the templates use in the same query."""
    return ShownNotification(
        heading=str(notification.get_kind_display()),
        body=_render(notification, "body"),
        text=_render(notification, "text"),
        page_url=_page_url(notification),
        api_url=_api_url(notification),
    )
