"""Notification pages: the list (a page at a time, all or unread; mark one or all read) and the top bar's live
unread count."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.notifications import notification_show
from accounts.services import notifications_mark_read
from config.bounds import id_from_text
from config.humanize import just_now

NOTIFICATIONS_PER_PAGE = 20


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Newest first, a page at a time; `?unread=1` shows only what is not read yet."""
    unread_only = request.GET.get("unread") == "1"
    qs = selectors.notification_list(user=request.user, unread=True if unread_only else None)
    page = Paginator(qs, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    items = [{"n": n, "shown": notification_show(n), "just_now": just_now(n.created_at)} for n in page.object_list]
    unread = selectors.notification_unread_count(user=request.user)
    # The pager's links keep the unread filter and nothing else of the address.
    pager_query = QueryDict("unread=1" if unread_only else "")
    context = {"items": items, "page": page, "unread": unread, "unread_only": unread_only, "pager_query": pager_query}
    return render(request, "accounts/notifications.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one (`id`) or every notification read; with `next`, continue there (opening a notification)."""
    raw = request.POST.get("id")
    notification_id = id_from_text(raw)
    if raw and notification_id is None:
        # Not one of the page's ids (tampered with): marking everything read instead would lose the unread marks.
        return HttpResponseBadRequest(_("“%(value)s” is not a notification id.") % {"value": raw[:40]})
    ids = [notification_id] if notification_id is not None else None
    notifications_mark_read(user=request.user, ids=ids)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications")


@login_required
def nav_extras(request: HttpRequest) -> HttpResponse:
    """The live part of the top bar: the unread count (polled, so it changes without a reload)."""
    unread = selectors.notification_unread_count(user=request.user)
    return render(request, "accounts/_nav_extras.html", {"unread": unread})
