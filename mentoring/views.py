"""The mentor's pages: their learners at a glance, one learner's roadmap and work, milestone sign-off (confirmed
first, withdrawable for a grace period), and the review queue. A page about someone a user may not mentor
answers 404, never 403, so it reveals nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import user_get
from config.pages import or_404, refusal_as_404, show_refusal
from exercises.selectors import review_queue, submission_list
from exercises.services import sign_off_create, sign_off_withdraw
from mentoring.forms import ReviewQueueFilterForm
from mentoring.selectors import can_mentor, mentor_learner_list, review_queue_rows, sign_off_rows
from planner import selectors as planner_selectors
from planner.models import Milestone
from planner.permissions import can_sign_off_milestone, can_view_learner_data

T = TypeVar("T")
RECENT_SUBMISSIONS = 20


@login_required
def mentor_home(request: HttpRequest) -> HttpResponse:
    if not can_mentor(request.user):
        raise Http404
    learners = mentor_learner_list(mentor=request.user)
    return render(
        request, "mentoring/home.html", {"learners": learners, "waiting": review_queue(mentor=request.user).count()}
    )


def _learner(request: HttpRequest, learner_id: int) -> Any:
    learner = user_get(pk=learner_id)
    if learner is None or learner.pk == request.user.pk or not can_view_learner_data(request.user, learner.pk):
        raise Http404
    return learner


@login_required
def mentor_learner(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = _learner(request, learner_id)
    overview = planner_selectors.learner_overview_get(learner_id=learner.pk, track_slug=request.GET.get("track"))
    rows = sign_off_rows(learner=learner)
    context = {
        **vars(overview),
        "overview": overview,
        "learner": learner,
        "own": False,
        "can_sign_off": can_sign_off_milestone(request.user, learner.pk),
        "sign_off_rows": rows["waiting"],
        "signed_off": rows["signed_off"],
        "submissions": submission_list(user=request.user, learner_id=learner.pk)[:RECENT_SUBMISSIONS],
    }
    return render(request, "mentoring/learner.html", context)


def _milestone(slug: str) -> Milestone:
    return or_404(planner_selectors.milestone_get(slug=slug))


def _act(request: HttpRequest, act: Callable[[], T]) -> T | None:
    """A mentor's act on a learner: refused to someone who is not theirs as a 404 (it reveals nothing), refused
    for a reason as the page's error messages (None)."""
    with refusal_as_404():
        try:
            return act()
        except ValidationError as exc:
            show_refusal(request, exc)
            return None


@login_required
@require_http_methods(["GET", "POST"])
def mentor_sign_off(request: HttpRequest, learner_id: int, slug: str) -> HttpResponse:
    """GET asks the mentor to confirm; POST signs off (a second POST finds the sign-off already given)."""
    learner, milestone = _learner(request, learner_id), _milestone(slug)
    if request.method == "GET":
        if not can_sign_off_milestone(request.user, learner.pk):
            raise Http404
        context = {
            "learner": learner,
            "milestone": milestone,
            "dependants": list(milestone.dependants.all()),
            "grace_hours": settings.PATHWISE_SIGN_OFF_GRACE_HOURS,
        }
        return render(request, "mentoring/sign_off_confirm.html", context)
    names = {"title": milestone.title, "learner": learner.get_username()}
    done = _act(request, lambda: sign_off_create(mentor=request.user, learner=learner, milestone=milestone))
    if done is not None and done[1]:
        messages.success(request, _("Signed off %(title)s for %(learner)s.") % names)
    elif done is not None:
        messages.info(request, _("%(title)s was already signed off for %(learner)s.") % names)
    return redirect("mentor-learner", learner_id=learner.pk)


@login_required
@require_POST
def mentor_sign_off_withdraw(request: HttpRequest, learner_id: int, slug: str) -> HttpResponse:
    learner, milestone = _learner(request, learner_id), _milestone(slug)
    if _act(request, lambda: sign_off_withdraw(mentor=request.user, learner=learner, milestone=milestone)):
        names = {"title": milestone.title, "learner": learner.get_username()}
        messages.success(request, _("Sign-off of %(title)s withdrawn; %(learner)s has been told.") % names)
    return redirect("mentor-learner", learner_id=learner.pk)


@login_required
def review_queue_page(request: HttpRequest) -> HttpResponse:
    if not can_mentor(request.user):
        raise Http404
    form = ReviewQueueFilterForm(request.GET or None, mentor=request.user)
    if form.is_bound and not form.is_valid():
        return render(request, "mentoring/review_queue.html", {"items": [], "form": form}, status=400)
    items = review_queue_rows(mentor=request.user, **form.filters())
    return render(request, "mentoring/review_queue.html", {"items": items, "form": form})
