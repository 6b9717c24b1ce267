"""The learner's pages: dashboard (roadmap, progress, next steps), enrolment, self-assessment, the dated plan
and milestone pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import is_mentor
from planner import selectors
from planner.models import SATISFIED_STATES, Completion, Enrolment, Milestone, Progress, ProgressState, Track
from planner.services import (
    enrolment_create,
    enrolment_update,
    plan_generate,
    plan_get_fresh,
    progress_summary,
    progress_update,
    self_assessment_apply,
)
from planner.services.graph import Node, curriculum_graph, topological, with_prerequisites
from planner.views.common import bilingual, error_messages, is_zh
from planner.views.roadmap import roadmap_svg

# --- shared context ------------------------------------------------------------------------------


def _track_scope(graph: dict[int, Node], enrolment: Enrolment) -> set[int]:
    items = enrolment.track.items.values_list("milestone_id", "required")
    selected = [mid for mid, required in items if required or enrolment.include_optional]
    return with_prerequisites(graph, selected)


def learner_overview(*, learner_id: int, track_slug: str | None = None, link: bool = True) -> dict[str, Any]:
    """Everything the dashboard shows about one learner (their own, or a mentor's view of them)."""
    enrolments = list(selectors.enrolment_list(learner_id=learner_id))
    if not enrolments:
        return {"enrolments": [], "enrolment": None}
    enrolment = next((e for e in enrolments if e.track.slug == track_slug), enrolments[0])
    graph = curriculum_graph()
    scope = _track_scope(graph, enrolment)
    states = dict(Progress.objects.filter(user_id=learner_id, milestone_id__in=scope)
                  .values_list("milestone_id", "state"))
    summary = progress_summary(user_id=learner_id)
    track_summary = next((t for t in summary["tracks"] if t["enrolment"] == enrolment.pk), None)
    stage_titles = {s.slug: s.title for s in selectors.stage_list()}
    if track_summary:
        for stage in track_summary["stages"]:
            stage["title"] = stage_titles.get(stage["stage"], stage["stage"])
    for t in summary["tracks"]:
        t["title"] = bilingual(t)
    # Next: what can be started now, in the order the plan would take them.
    order = [n.id for n in topological(graph, scope)]
    ready = [graph[i] for i in order if states.get(i) in (ProgressState.IN_PROGRESS, ProgressState.AVAILABLE)]
    next_up = [{"slug": n.slug, "title": n.title_zh if is_zh() else n.title_en, "hours": n.hours,
                "state": states.get(n.id), "completion": n.completion} for n in ready[:6]]
    return {
        "enrolments": enrolments,
        "enrolment": enrolment,
        "roadmap": roadmap_svg(graph=graph, scope=scope, states=states, link=link),
        "summary": track_summary,
        "all_tracks": summary["tracks"],
        "next_up": next_up,
        "counts": {state: sum(1 for i in scope if states.get(i) == state) for state in ProgressState.values},
    }


class EnrolForm(forms.Form):
    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=gettext_lazy("Track"))
    hours_per_week = forms.DecimalField(label=gettext_lazy("Hours per week"), min_value=1, max_value=100,
                                        initial=10, decimal_places=1)
    target_date = forms.DateField(label=gettext_lazy("Target date (optional)"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = Enrolment.objects.filter(user=user).values("track_id") if user else []
        self.fields["track"].queryset = selectors.track_list().exclude(id__in=taken)
        self.fields["track"].label_from_instance = lambda t: t.title


# --- learner pages -------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = learner_overview(learner_id=request.user.pk, track_slug=request.GET.get("track"))
    context["enrol_form"] = EnrolForm(user=request.user)
    context["learner"] = request.user
    context["own"] = True
    if request.user.is_staff or is_mentor(request.user):
        # A mentor (often not a learner here) starts from the dashboard too: point them to their work.
        from exercises.selectors import review_queue

        context["mentoring"] = {"waiting": review_queue(mentor=request.user).count()}
    return render(request, "planner/dashboard.html", context)


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    form = EnrolForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = enrolment_create(
                user=request.user, track=form.cleaned_data["track"],
                hours_per_week=form.cleaned_data["hours_per_week"], target_date=form.cleaned_data["target_date"],
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            plan_generate(enrolment=enrolment)
            messages.success(request, _("You are enrolled in %(track)s.") % {"track": enrolment.track.title})
            return redirect(f"{reverse('self-assessment')}?track={enrolment.track.slug}")
    return render(request, "planner/enrol.html", {"form": form}, status=400 if request.method == "POST" else 200)


@login_required
def self_assessment(request: HttpRequest) -> HttpResponse:
    """Tick what you already know: ticked milestones are skipped, unticking a skipped one brings it back."""
    enrolments = list(selectors.enrolment_list(learner_id=request.user.pk))
    if not enrolments:
        messages.info(request, _("Enrol in a track first."))
        return redirect("dashboard")
    graph = curriculum_graph()
    scope: set[int] = set()
    for enrolment in enrolments:
        scope |= _track_scope(graph, enrolment)
    rows = {p.milestone_id: p for p in Progress.objects.filter(user=request.user, milestone_id__in=scope)}
    milestones = list(Milestone.objects.filter(id__in=scope).select_related("stage"))
    if request.method == "POST":
        ticked = set(request.POST.getlist("known"))
        slugs = {m.slug: m for m in milestones}
        known = sorted(s for s in ticked if s in slugs)
        unknown = sorted(m.slug for m in milestones if m.slug not in ticked and rows.get(m.pk) is not None
                         and rows[m.pk].state == ProgressState.SKIPPED)
        try:
            changed = self_assessment_apply(user=request.user, known=known, unknown=unknown)
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Self-assessment saved: %(n)s milestones updated.") % {"n": len(changed)})
            return redirect("dashboard")
    stages: dict[int, dict[str, Any]] = {}
    for m in milestones:
        stage = stages.setdefault(m.stage.order, {"stage": m.stage, "items": []})
        row = rows.get(m.pk)
        state = row.state if row else ProgressState.LOCKED
        stage["items"].append({"milestone": m, "state": state, "checked": state in SATISFIED_STATES,
                               "locked_done": state == ProgressState.DONE})
    groups = [stages[k] for k in sorted(stages)]
    return render(request, "planner/self_assessment.html", {"groups": groups})


class PlanForm(forms.Form):
    hours_per_week = forms.DecimalField(label=gettext_lazy("Hours per week"), min_value=1, max_value=100,
                                        decimal_places=1)
    target_date = forms.DateField(label=gettext_lazy("Target date (optional)"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


def _own_enrolment(request: HttpRequest, track_slug: str | None) -> Enrolment | None:
    enrolments = list(selectors.enrolment_list(learner_id=request.user.pk))
    if track_slug:
        return next((e for e in enrolments if e.track.slug == track_slug), None)
    return enrolments[0] if enrolments else None


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    enrolment = _own_enrolment(request, request.GET.get("track") or request.POST.get("track"))
    if enrolment is None:
        if request.GET.get("track"):
            raise Http404
        messages.info(request, _("Enrol in a track first."))
        return redirect("dashboard")
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                enrolment_update(enrolment=enrolment, hours_per_week=form.cleaned_data["hours_per_week"],
                                 target_date=form.cleaned_data["target_date"])
                plan_generate(enrolment=enrolment, hours_per_week=form.cleaned_data["hours_per_week"],
                              target_date=form.cleaned_data["target_date"])
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    for message in errs:
                        form.add_error(field if field in form.fields else None, message)
                status = 400
            else:
                messages.success(request, _("Plan regenerated."))
                return redirect(f"{reverse('plan')}?track={enrolment.track.slug}")
        else:
            status = 400
    current = plan_get_fresh(enrolment=enrolment)
    if request.method != "POST":
        hours = current.hours_per_week
        # 10, not the stored 10.0: a whole number of hours reads as one.
        hours = int(hours) if hours == int(hours) else hours
        form = PlanForm(initial={"hours_per_week": hours, "target_date": current.target_date})
    weeks = []
    for week in current.weeks:
        items = [{**item, "title": bilingual(item)} for item in week["items"]]
        weeks.append({**week, "start": dt.date.fromisoformat(week["start"]), "end": dt.date.fromisoformat(week["end"]),
                      "items": items})
    return render(request, "planner/plan.html", {
        "enrolment": enrolment, "plan": current, "weeks": weeks, "form": form, "today": timezone.localdate(),
        "enrolments": selectors.enrolment_list(learner_id=request.user.pk),
    }, status=status)


def _exercise_rows(milestone: Milestone, user: Any) -> list[dict[str, Any]]:
    from exercises.models import Submission, SubmissionStatus

    rows = []
    for exercise in milestone.exercises.filter(active=True).order_by("order", "slug"):
        subs = Submission.objects.filter(user=user, exercise=exercise) if user.is_authenticated else None
        if subs is None or not subs.exists():
            state = "not_tried"
        elif subs.filter(status=SubmissionStatus.PASSED).exists():
            state = SubmissionStatus.PASSED
        else:
            state = subs.order_by("-created_at", "-id").values_list("status", flat=True).first()
        rows.append({"exercise": exercise, "state": state, "attempts": subs.count() if subs is not None else 0})
    return rows


EXERCISE_STATE_LABELS = {
    "not_tried": gettext_lazy("Not tried yet"),
    "queued": gettext_lazy("Queued"),
    "running": gettext_lazy("Running"),
    "passed": gettext_lazy("Passed"),
    "failed": gettext_lazy("Failed"),
    "error": gettext_lazy("Error"),
}


@login_required
def milestone_detail(request: HttpRequest, slug: str) -> HttpResponse:
    milestone = selectors.milestone_get(slug=slug)
    if milestone is None:
        raise Http404
    row = Progress.objects.filter(user=request.user, milestone=milestone).first()
    prereq_states = dict(Progress.objects.filter(user=request.user, milestone__in=milestone.prerequisites.all())
                         .values_list("milestone_id", "state"))
    exercises = _exercise_rows(milestone, request.user)
    for item in exercises:
        item["label"] = EXERCISE_STATE_LABELS.get(item["state"], item["state"])
    state = row.state if row else None
    labels = dict(ProgressState.choices)
    return render(request, "planner/milestone.html", {
        "milestone": milestone,
        "progress": row,
        "state": state,
        "state_label": labels.get(state, _("Not in your tracks")),
        "prerequisites": [{"milestone": p, "state": prereq_states.get(p.pk, ProgressState.LOCKED),
                           "label": labels.get(prereq_states.get(p.pk, ProgressState.LOCKED))}
                          for p in milestone.prerequisites.all()],
        "dependants": list(milestone.dependants.all()),
        "resources": list(milestone.resources.all()),
        "exercises": exercises,
        "can_start": state in (ProgressState.AVAILABLE, ProgressState.SKIPPED),
        "can_self_report": milestone.completion == Completion.SELF and state in (
            ProgressState.AVAILABLE, ProgressState.IN_PROGRESS, ProgressState.SKIPPED),
        "can_skip": state in (ProgressState.LOCKED, ProgressState.AVAILABLE, ProgressState.IN_PROGRESS, None),
        "can_reset": state == ProgressState.SKIPPED or (state == ProgressState.DONE and row.evidence == "self"),
    })


@login_required
@require_POST
def milestone_state(request: HttpRequest, slug: str) -> HttpResponse:
    milestone = selectors.milestone_get(slug=slug)
    if milestone is None:
        raise Http404
    state = request.POST.get("state", "")
    try:
        progress_update(user=request.user, milestone=milestone, state=state)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    else:
        labels = {
            ProgressState.IN_PROGRESS: _("Started: %(title)s."),
            ProgressState.DONE: _("Done: %(title)s."),
            ProgressState.SKIPPED: _("Skipped: %(title)s."),
            ProgressState.AVAILABLE: _("Reset: %(title)s."),
        }
        messages.success(request, labels[state] % {"title": milestone.title})
    return redirect("milestone-detail", slug=slug)
