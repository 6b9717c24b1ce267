"""Notification pages: the list (mark one or all read) and the top bar's live unread count."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.models import Notification
from accounts.services import notifications_mark_read

# Services link some notifications to the REST resource; the pages send people to the page instead.
_API_SUBMISSION = re.compile(r"^/api/v1/submissions/(\d+)/?$")


def page_url(url: str) -> str:
    match = _API_SUBMISSION.match(url or "")
    return f"/submissions/{match.group(1)}/" if match else url


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = list(Notification.objects.filter(user=request.user)[:100])
    for item in items:
        item.page_url = page_url(item.url)
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "accounts/notifications.html", {"items": items, "unread": unread})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one (`id`) or every notification read; with `next`, continue there (opening a notification)."""
    raw = request.POST.get("id")
    ids = [int(raw)] if raw and raw.isdigit() else None
    notifications_mark_read(user=request.user, ids=ids)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications")


@login_required
def nav_extras(request: HttpRequest) -> HttpResponse:
    """The live part of the top bar: the unread count (polled, so it changes without a reload)."""
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "accounts/_nav_extras.html", {"unread": unread})
