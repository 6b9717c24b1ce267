"""The mentor's pages: their learners at a glance, one learner's roadmap and work, milestone sign-off."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import MentorAssignment
from accounts.permissions import is_mentor
from accounts.views import just_now
from exercises.permissions import can_sign_off
from planner import selectors
from planner.models import Completion, Progress, ProgressState
from planner.permissions import can_view_learner_data
from planner.services import progress_summary
from planner.views.common import bilingual
from planner.views.learner import learner_overview

User = get_user_model()

# --- mentor pages --------------------------------------------------------------------------------


def _mentor_learners(user: Any) -> list[Any]:
    if user.is_staff:
        return list(User.objects.filter(enrolments__isnull=False).distinct().order_by("username"))
    ids = MentorAssignment.objects.filter(mentor=user).values("learner_id")
    return list(User.objects.filter(id__in=ids).order_by("username"))


@login_required
def mentor_home(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_staff or is_mentor(request.user)):
        raise Http404
    learners = []
    for learner in _mentor_learners(request.user):
        summary = progress_summary(user_id=learner.pk)
        for t in summary["tracks"]:
            t["title"] = bilingual(t)
        in_progress = (Progress.objects.filter(user=learner, state=ProgressState.IN_PROGRESS)
                       .select_related("milestone").order_by("-updated_at")[:3])
        last_active = (Progress.objects.filter(user=learner).order_by("-updated_at")
                       .values_list("updated_at", flat=True).first())
        learners.append({"user": learner, "tracks": summary["tracks"], "in_progress": list(in_progress),
                         "last_active": last_active, "active_just_now": just_now(last_active)})
    from exercises.selectors import review_queue

    waiting = review_queue(mentor=request.user).count()
    return render(request, "planner/mentor_home.html", {"learners": learners, "waiting": waiting})


@login_required
def mentor_learner(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = User.objects.filter(pk=learner_id).first()
    if learner is None or learner.pk == request.user.pk or not can_view_learner_data(request.user, learner.pk):
        raise Http404
    context = learner_overview(learner_id=learner.pk, track_slug=request.GET.get("track"), link=False)
    graph_scope = Progress.objects.filter(user=learner, milestone__completion=Completion.MENTOR).select_related(
        "milestone__stage")
    context.update({
        "learner": learner,
        "own": False,
        "can_sign_off": can_sign_off(request.user, learner.pk),
        "sign_off_rows": [p for p in graph_scope if p.state != ProgressState.DONE],
        "signed_off": [p for p in graph_scope if p.state == ProgressState.DONE],
    })
    from exercises.selectors import submission_list

    context["submissions"] = submission_list(user=request.user, learner_id=learner.pk)[:20]
    return render(request, "planner/mentor_learner.html", context)


@login_required
@require_POST
def mentor_sign_off(request: HttpRequest, learner_id: int, slug: str) -> HttpResponse:
    learner = User.objects.filter(pk=learner_id).first()
    milestone = selectors.milestone_get(slug=slug)
    if learner is None or milestone is None or not can_view_learner_data(request.user, learner.pk):
        raise Http404
    from exercises.services import sign_off_create

    try:
        sign_off_create(mentor=request.user, learner=learner, milestone=milestone)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        from exercises.views import error_lines

        for message in error_lines(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Signed off %(title)s for %(learner)s.") % {
            "title": milestone.title, "learner": learner.get_username()})
    return redirect("mentor-learner", learner_id=learner.pk)
