"""Pages: the export downloads, the sharing settings, and the public progress page behind a share link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import profile_get
from config.pages import or_404
from planner.selectors import enrolment_list, learner_overview_get
from portability import selectors
from portability.exports import export_json_response, progress_csv_response
from portability.services import share_link_create, share_link_revoke


@login_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    return export_json_response(user=request.user)


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return progress_csv_response(user=request.user)


@login_required
@require_GET
def sharing(request: HttpRequest) -> HttpResponse:
    link = selectors.share_link_live(user=request.user)
    url = request.build_absolute_uri(link.get_absolute_url()) if link else ""
    return render(request, "portability/sharing.html", {"link": link, "url": url})


@login_required
@require_POST
def sharing_create(request: HttpRequest) -> HttpResponse:
    share_link_create(user=request.user)
    messages.success(request, _("Your progress page is public at the link below. Anyone with it can read it."))
    return redirect("me-sharing")


@login_required
@require_POST
def sharing_revoke(request: HttpRequest) -> HttpResponse:
    if share_link_revoke(user=request.user):
        messages.success(request, _("Sharing stopped: the old link no longer shows anything."))
    return redirect("me-sharing")


@require_GET
def share_progress(request: HttpRequest, key: str) -> HttpResponse:
    """Public (no sign-in): the track, percent done, the roadmap and passed exercises with scores; never code,
    notes, reviews or anything about other people."""
    learner = or_404(selectors.shared_learner_get(key=key))
    tracks = []
    for enrolment in enrolment_list(learner_id=learner.pk):
        overview = learner_overview_get(learner_id=learner.pk, track_slug=enrolment.track.slug)
        tracks.append({"overview": overview, "summary": overview.summary})
    name = profile_get(user=learner).display_name or _("A Pathwise learner")
    context: dict[str, Any] = {
        "name": name,
        "tracks": tracks,
        "exercises": selectors.passed_exercises_get(user=learner),
        "page_url": request.build_absolute_uri(),
        "description": _share_description(tracks),
    }
    response = render(request, "portability/share.html", context)
    # The URL is the capability: it must not travel in a Referer to the sites the page links to.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _share_description(tracks: list[dict[str, Any]]) -> str:
    parts = [
        _("%(track)s: %(percent)s%% done") % {"track": t["summary"]["title"], "percent": t["summary"]["percent_done"]}
        for t in tracks
        if t["summary"]
    ]
    return "; ".join(parts) or _("Learning machine learning and NLP on Pathwise.")
