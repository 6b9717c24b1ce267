"""The learner's pages: dashboard (roadmap, progress, next steps), enrolment, self-assessment, the dated plan
and milestone pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS
from config.i18n import bilingual, error_lines
from config.markdown import render_markdown
from config.pages import attempt, form_errors, or_404, show_refusal
from config.widgets import IsoDateInput
from planner import selectors
from planner.models import SATISFIED_STATES, Completion, Enrolment, ProgressState, Track
from planner.services import (
    enrolment_create,
    plan_generate,
    plan_get_fresh,
    plan_update,
    progress_moves,
    progress_update,
    self_assessment_apply,
)
from planner.services.graph import curriculum_graph

ENROL_FIRST = gettext_lazy("Enrol in a track first.")  # a page that needs an enrolment, without one


class PlanForm(forms.Form):
    hours_per_week = forms.DecimalField(
        label=gettext_lazy("Hours per week"), min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS, decimal_places=1
    )
    target_date = forms.DateField(label=gettext_lazy("Target date (optional)"), required=False, widget=IsoDateInput())


class EnrolForm(PlanForm):
    """A track, and the plan's hours (the enrolment's default to begin with) and target."""

    track = forms.ModelChoiceField(queryset=Track.objects.none(), label=gettext_lazy("Track"))
    field_order = ["track", "hours_per_week", "target_date"]

    def __init__(self, *args: Any, user: Any = None, taken: set[int] | None = None, **kwargs: Any) -> None:
        """`taken`: the ids of the tracks the user is enrolled in, when the caller has read them already."""
        super().__init__(*args, **kwargs)
        self.fields["hours_per_week"].initial = Enrolment._meta.get_field("hours_per_week").default
        if taken is None:
            taken = (
                set(selectors.enrolment_list(learner_id=user.pk).values_list("track_id", flat=True)) if user else set()
            )
        field = self.fields["track"]
        # The options and the facts beside them come from the curriculum this process keeps (no query; the field
        # would read them again); a POST is validated against the database.
        self.tracks: list[Track] = [t for t in selectors.track_picker_tracks() if t.pk not in taken]
        field.iterator = _listed(self.tracks)
        field.queryset = selectors.track_picker_list().exclude(id__in=taken)  # set last: it hands the options on
        field.label_from_instance = lambda t: t.title
        field.widget.attrs["aria-describedby"] = "track-facts"

    def track_facts(self) -> list[Track]:
        """The tracks on offer with their summary and size, shown beside the picker."""
        return self.tracks


def _listed(tracks: list[Track]) -> type[ModelChoiceIterator]:
    """A ModelChoiceField's options from a list already read, not from a query of their own."""

    class Listed(ModelChoiceIterator):
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            yield from (self.choice(track) for track in tracks)

        def __len__(self) -> int:
            return len(tracks) + (self.field.empty_label is not None)

        def __bool__(self) -> bool:
            return self.field.empty_label is not None or bool(tracks)

    return Listed


# --- learner pages -------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    overview = selectors.learner_overview_get(learner_id=request.user.pk, track_slug=request.GET.get("track"))
    context = {**vars(overview), "overview": overview, "learner": request.user, "own": True}
    context["enrol_form"] = EnrolForm(user=request.user, taken={e.track_id for e in overview.enrolments})
    return render(request, "planner/dashboard.html", context)


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    form = EnrolForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = enrolment_create(
                user=request.user,
                track=form.cleaned_data["track"],
                hours_per_week=form.cleaned_data["hours_per_week"],
                target_date=form.cleaned_data["target_date"],
            )
        except ValidationError as exc:
            for message in error_lines(exc):
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
        messages.info(request, ENROL_FIRST)
        return redirect("dashboard")
    graph = curriculum_graph()
    scope: set[int] = set()
    for enrolment in enrolments:
        scope |= selectors.enrolment_scope(graph, enrolment)
    rows = selectors.progress_by_milestone(learner_id=request.user.pk, milestone_ids=scope)
    milestones = selectors.milestones_with_stage(ids=scope)
    if request.method == "POST":
        ticked = set(request.POST.getlist("known"))
        slugs = {m.slug: m for m in milestones}
        known = sorted(s for s in ticked if s in slugs)
        unknown = sorted(
            m.slug
            for m in milestones
            if m.slug not in ticked and rows.get(m.pk) is not None and rows[m.pk].state == ProgressState.SKIPPED
        )
        try:
            changed = self_assessment_apply(user=request.user, known=known, unknown=unknown)
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Self-assessment saved: %(n)s milestones updated.") % {"n": len(changed)})
            return redirect("dashboard")
    stages: dict[int, dict[str, Any]] = {}
    for m in milestones:
        stage = stages.setdefault(m.stage.order, {"stage": m.stage, "items": []})
        row = rows.get(m.pk)
        state = row.state if row else ProgressState.LOCKED
        stage["items"].append(
            {
                "milestone": m,
                "state": state,
                "checked": state in SATISFIED_STATES,
                "locked_done": state == ProgressState.DONE,
                # Not the learner's to skip: its dependants wait for the mentor's sign-off.
                "mentor_signed": m.completion == Completion.MENTOR and state != ProgressState.DONE,
            }
        )
    groups = [stages[k] for k in sorted(stages)]
    return render(request, "planner/self_assessment.html", {"groups": groups})


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
        messages.info(request, ENROL_FIRST)
        return redirect("dashboard")
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan_update(
                    enrolment=enrolment,
                    hours_per_week=form.cleaned_data["hours_per_week"],
                    target_date=form.cleaned_data["target_date"],
                )
            except ValidationError as exc:
                form_errors(form, exc)
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
        weeks.append(
            {
                **week,
                "start": dt.date.fromisoformat(week["start"]),
                "end": dt.date.fromisoformat(week["end"]),
                "items": items,
            }
        )
    return render(
        request,
        "planner/plan.html",
        {
            "enrolment": enrolment,
            "plan": current,
            "weeks": weeks,
            "form": form,
            "today": timezone.localdate(),
            "enrolments": selectors.enrolment_list(learner_id=request.user.pk),
        },
        status=status,
    )


def milestone_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A milestone's page: public (the curriculum is), with the reader's progress and moves when signed in."""
    milestone = or_404(selectors.milestone_get(slug=slug))
    signed_in = request.user.is_authenticated
    mine = selectors.milestone_progress_get(user_id=request.user.pk, milestone=milestone) if signed_in else None
    row = mine["progress"] if mine else None
    moves = progress_moves(row, milestone) if signed_in else dict.fromkeys(ProgressState.values, False)
    state = row.state if row else None
    prerequisites = mine["prerequisites"] if mine else [{"milestone": m} for m in milestone.prerequisites.all()]
    return render(
        request,
        "planner/milestone.html",
        {
            "milestone": milestone,
            "summary": render_markdown(milestone.summary),
            "progress": row,
            "state": state,
            "state_label": dict(ProgressState.choices).get(state, _("Not in your tracks")),
            "prerequisites": prerequisites,
            "dependants": list(milestone.dependants.all()),
            "resources": list(milestone.resources.all()),
            "can_start": moves[ProgressState.IN_PROGRESS],
            "can_self_report": moves[ProgressState.DONE],
            "can_skip": moves[ProgressState.SKIPPED],
            "can_reset": moves[ProgressState.AVAILABLE],
        },
    )


@login_required
@require_POST
def milestone_state(request: HttpRequest, slug: str) -> HttpResponse:
    milestone = or_404(selectors.milestone_get(slug=slug))
    state = request.POST.get("state", "")
    if attempt(request, lambda: progress_update(user=request.user, milestone=milestone, state=state)):
        labels = {
            ProgressState.IN_PROGRESS: _("Started: %(title)s."),
            ProgressState.DONE: _("Done: %(title)s."),
            ProgressState.SKIPPED: _("Skipped: %(title)s."),
            ProgressState.AVAILABLE: _("Reset: %(title)s."),
        }
        messages.success(request, labels[state] % {"title": milestone.title})
    return redirect("milestone-detail", slug=slug)
