"""Notification pages: the list (mark one or all read) and the top bar's live unread count."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Notification
from accounts.services import notifications_mark_read

# Services link some notifications to the REST resource; the pages send people to the page instead.
_API_SUBMISSION = re.compile(r"^/api/v1/submissions/(\d+)/?$")


def just_now(when: dt.datetime | None) -> bool:
    """Under a minute ago: pages say "just now" rather than timesince's "0 minutes ago"."""
    return when is not None and timezone.now() - when < dt.timedelta(minutes=1)


def page_url(url: str) -> str:
    match = _API_SUBMISSION.match(url or "")
    return f"/submissions/{match.group(1)}/" if match else url


_MILESTONE_PAGE = re.compile(r"^/milestones/([\w-]+)/$")
_SUBMISSION_PAGE = re.compile(r"^/submissions/(\d+)/$")


def describe(items: list[Notification], user: Any) -> None:
    """Give each notification a `text` in the reader's language. Services store one English sentence; the
    page rebuilds it from the objects it points to (milestone, submission, review), keeping the stored
    sentence when the object is gone."""
    from exercises.models import Review, Submission
    from planner.models import Milestone

    slugs = {m.group(1) for i in items if (m := _MILESTONE_PAGE.match(i.page_url))}
    ids = {int(m.group(1)) for i in items if (m := _SUBMISSION_PAGE.match(i.page_url))}
    milestones = {m.slug: m for m in Milestone.objects.filter(slug__in=slugs)}
    submissions = {s.pk: s for s in Submission.objects.filter(pk__in=ids, user=user).select_related("exercise")}
    reviews: dict[int, list[Review]] = {}
    for review in Review.objects.filter(submission_id__in=submissions).select_related("mentor").order_by("created_at"):
        reviews.setdefault(review.submission_id, []).append(review)
    for item in items:
        item.text = item.message
        m = _MILESTONE_PAGE.match(item.page_url)
        milestone = milestones.get(m.group(1)) if m else None
        m = _SUBMISSION_PAGE.match(item.page_url)
        submission = submissions.get(int(m.group(1))) if m else None
        if milestone is not None and item.kind == Notification.Kind.MILESTONE_UNLOCKED:
            item.text = _("Milestone unlocked: %(title)s") % {"title": milestone.title}
        elif milestone is not None and item.kind == Notification.Kind.MILESTONE_DONE:
            item.text = _("Milestone done: %(title)s") % {"title": milestone.title}
        elif submission is not None and item.kind == Notification.Kind.SUBMISSION_GRADED:
            item.text = _("%(exercise)s: attempt %(n)s %(status)s.") % {
                "exercise": submission.exercise.title, "n": submission.attempt,
                "status": submission.get_status_display().lower()}
        elif submission is not None and item.kind == Notification.Kind.REVIEW_POSTED:
            # The review this notification announced: the latest one posted up to its time.
            posted = [r for r in reviews.get(submission.pk, []) if r.created_at <= item.created_at]
            if posted:
                review = posted[-1]
                item.text = _("%(mentor)s reviewed your submission to %(exercise)s (attempt %(n)s): %(verdict)s.") % {
                    "mentor": review.mentor.get_username(), "exercise": submission.exercise.title,
                    "n": submission.attempt, "verdict": review.get_verdict_display()}


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = list(Notification.objects.filter(user=request.user)[:100])
    for item in items:
        item.page_url = page_url(item.url)
        item.just_now = just_now(item.created_at)
    describe(items, request.user)
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
