"""Mentoring request pages: my requests and my mentors (end a mentoring), the queue of a mentor who opted in
(take a request), the tracks a mentor opts in for, and the panel on a learner's own submission page that asks
for a mentor. Whatever someone may not act on answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import selectors
from cohorts.forms import MentoringRequestForm, MentorTracksForm
from cohorts.models import MentoringRequest
from cohorts.permissions import can_run_cohorts
from cohorts.services import (
    mentor_tracks_set,
    mentoring_request_cancel,
    mentoring_request_create,
    mentoring_request_take,
    mentorship_end,
)
from cohorts.services.requests import NOT_ENROLLED, has_mentor_for_track, request_track
from config.pages import attempt, or_404, refusal_as_404
from exercises.selectors import submission_get
from planner.selectors import enrolment_list, track_list


@login_required
def mentoring_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    opted = list(selectors.mentor_tracks(user=user))
    context: dict[str, Any] = {
        "requests": selectors.request_list(user=user)[:50],
        "mentors": selectors.learner_mentors(learner=user),
        "mentorships": [m for m in selectors.mentorship_list(user=user) if m.mentor_id == user.pk],
        "can_run": can_run_cohorts(user),
        "opted": opted,
        "queue": selectors.request_queue(mentor=user)[:100] if opted else [],
    }
    return render(request, "cohorts/mentoring.html", context)


def _own_submission(request: HttpRequest, submission_id: int) -> Any:
    submission = submission_get(user=request.user, submission_id=submission_id)
    if submission is None or submission.user_id != request.user.pk:
        raise Http404
    return submission


def _panel_context(request: HttpRequest, submission: Any) -> dict[str, Any]:
    """What the panel offers: nothing to ask without a track; a waiting request (cancel it); the mentor there is;
    else the form (with a choice of track when the exercise is in several of the learner's tracks)."""
    enrolments = list(enrolment_list(learner_id=request.user.pk))
    context: dict[str, Any] = {
        "submission": submission,
        "form": MentoringRequestForm(),
        "tracks": [e.track for e in enrolments],
        "track": None,
        "problem": "" if enrolments else str(NOT_ENROLLED),
    }
    if not enrolments:
        return context
    try:
        track = request_track(submission, None)
    except ValidationError:
        return context  # the exercise is in several of their tracks: they pick one
    waiting = selectors.request_list(user=request.user).filter(status=MentoringRequest.Status.OPEN, track=track)
    context["track"] = track
    context["waiting"] = waiting.first()
    context["has_mentor"] = context["waiting"] is None and has_mentor_for_track(learner=request.user, track=track)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def request_panel(request: HttpRequest, submission_id: int) -> HttpResponse:
    """GET: the panel on the learner's own submission page; POST: ask for a mentor on this submission."""
    submission = _own_submission(request, submission_id)
    if request.method == "GET":
        return render(request, "cohorts/_request_panel.html", _panel_context(request, submission))
    form = MentoringRequestForm(request.POST)
    if form.is_valid():
        slug = form.cleaned_data["track"]
        track = track_list().filter(slug=slug).first() if slug else None
        attempt(
            request,
            lambda: mentoring_request_create(
                user=request.user, submission=submission, track=track, message=form.cleaned_data["message"]
            ),
            success=_("Your request is in the mentors' queue. You will be told when one takes it."),
        )
    else:
        messages.error(request, _("The message is longer than 2000 characters."))
    return redirect("submission-detail", pk=submission.pk)


def _request_or_404(request_id: int) -> MentoringRequest:
    return or_404(selectors.request_get(pk=request_id))


@login_required
@require_POST
def request_take(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request_or_404(request_id)
    with refusal_as_404():  # a mentor who may not take it: the page is not theirs
        taken = attempt(request, lambda: mentoring_request_take(user=request.user, request=found))
    if not taken:
        return redirect("mentoring-requests")
    names = {"learner": found.learner.get_username(), "track": found.track.title}
    messages.success(request, _("You mentor %(learner)s for %(track)s now.") % names)
    return redirect("submission-detail", pk=found.submission_id)


@login_required
@require_POST
def request_cancel(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request_or_404(request_id)
    if found.learner_id != request.user.pk:  # the learner's own page (staff cancel through the API)
        raise Http404
    attempt(
        request, lambda: mentoring_request_cancel(user=request.user, request=found), success=_("Request cancelled.")
    )
    return redirect("mentoring-requests")


@login_required
@require_POST
def mentorship_end_page(request: HttpRequest, mentorship_id: int) -> HttpResponse:
    mentorship = or_404(selectors.mentorship_get(pk=mentorship_id))
    with refusal_as_404():
        mentorship_end(user=request.user, mentorship=mentorship)
    messages.success(request, _("Mentoring ended; the other side has been told."))
    return redirect("mentoring-requests")


@login_required
@require_http_methods(["GET", "POST"])
def mentor_tracks(request: HttpRequest) -> HttpResponse:
    if not can_run_cohorts(request.user):
        raise Http404
    current = list(selectors.mentor_tracks(user=request.user))
    data = request.POST if request.method == "POST" else None
    form = MentorTracksForm(data, initial={"tracks": current})
    if request.method == "POST" and form.is_valid():
        mentor_tracks_set(user=request.user, tracks=list(form.cleaned_data["tracks"]))
        messages.success(request, _("Saved: you take requests for the tracks you ticked."))
        return redirect("mentoring-requests")
    status = 400 if request.method == "POST" else 200
    return render(request, "cohorts/mentor_tracks.html", {"form": form}, status=status)
