"""Server-rendered planner pages: the learner's dashboard (roadmap graph, progress, next steps), enrolment,
self-assessment, the dated plan, milestone pages, and the mentor's view of their learners.

Views parse the request, call planner services/selectors and render; the rules live in the services and
in planner.permissions. A page about someone a user may not see answers 404, never 403, so it reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import MentorAssignment
from accounts.permissions import is_mentor
from exercises.permissions import can_sign_off
from planner import selectors
from planner.models import SATISFIED_STATES, Completion, Enrolment, Milestone, Progress, ProgressState, Track
from planner.permissions import can_view_learner_data
from planner.services import (
    enrolment_create,
    enrolment_update,
    plan_generate,
    plan_get_fresh,
    progress_summary,
    progress_update,
    self_assessment_apply,
)
from planner.services import enrolments as enrolment_service
from planner.services import plans as plan_service
from planner.services import progress as progress_service
from planner.services.graph import Node, curriculum_graph, with_prerequisites

User = get_user_model()

# Service messages are English constants (some with {fields}); the pages show them in the reader's language.
SERVICE_MESSAGES = {
    progress_service.MILESTONE_LOCKED: gettext_lazy(
        "This milestone is locked: finish or skip its prerequisites first."),
    progress_service.MILESTONE_ALREADY_DONE: gettext_lazy("This milestone is already done."),
    progress_service.MILESTONE_NEEDS_EXERCISES: gettext_lazy(
        "This milestone is completed by passing its exercises, not by self-report."),
    progress_service.MILESTONE_NEEDS_MENTOR: gettext_lazy(
        "This milestone is completed by a mentor's sign-off, not by self-report."),
    progress_service.MILESTONE_DONE_BY_EVIDENCE: gettext_lazy(
        "This milestone was completed with graded or mentor evidence and cannot be reset."),
    enrolment_service.ALREADY_ENROLLED: gettext_lazy("You are already enrolled in this track."),
    enrolment_service.TARGET_BEFORE_START: gettext_lazy("The target date must not be before the start date."),
    plan_service.HOURS_PER_WEEK_RANGE: gettext_lazy("Hours per week must be between 1 and 100."),
}


def _pattern(template: str) -> re.Pattern[str]:
    """A service's message template ("Line {line} is ...") as a regex that captures its fields."""
    return re.compile("^" + re.sub(r"\\\{(\w+)(?:!r)?\\\}", r"(?P<\1>.+?)", re.escape(template)) + "$")


def translate(message: str, table: dict[str, Any]) -> str:
    """`message` in the active language when `table` knows its template, else as it came."""
    for template, translated in table.items():
        if "{" not in template:
            if message == template:
                return str(translated)
            continue
        match = _pattern(template).match(message)
        if match:
            return str(translated) % match.groupdict()
    return message


def error_messages(exc: ValidationError) -> list[str]:
    """A service's ValidationError as lines a learner reads, translated where the text is known."""
    return [translate(message, SERVICE_MESSAGES) for message in exc.messages]


STATE_SYMBOLS = {
    ProgressState.LOCKED: "–",
    ProgressState.AVAILABLE: "○",
    ProgressState.IN_PROGRESS: "◐",
    ProgressState.DONE: "✓",
    ProgressState.SKIPPED: "↷",
}
# Fill and border of roadmap nodes; text stays dark on the light fills (contrast above 7:1).
STATE_COLOURS = {
    ProgressState.LOCKED: ("#eef0f3", "#7b8591"),
    ProgressState.AVAILABLE: ("#e3edfb", "#1f5fbf"),
    ProgressState.IN_PROGRESS: ("#fdf0d5", "#8a5a00"),
    ProgressState.DONE: ("#dff1e5", "#1d7a3d"),
    ProgressState.SKIPPED: ("#ece6f6", "#6b4fa3"),
}


def is_zh() -> bool:
    return (get_language() or "en").startswith("zh")


def bilingual(obj: dict[str, Any], key: str = "title") -> str:
    return obj.get(f"{key}_zh" if is_zh() else f"{key}_en", "") or obj.get(f"{key}_en", "")


# --- the roadmap graph -------------------------------------------------------------------------

NODE_W, NODE_H, COL_GAP, ROW_GAP, HEAD_H, PAD = 168, 40, 44, 12, 46, 10


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` columns (a CJK character counts two)."""

    def cols(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    lines: list[str] = []
    current = ""
    tokens = text.split(" ") if not any(ord(ch) > 0x2E80 for ch in text) else list(text)
    sep = " " if len(tokens) > 1 and tokens != list(text) else ""
    for token in tokens:
        candidate = f"{current}{sep}{token}" if current else token
        if cols(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = token
        if len(lines) == 2:
            break
    if len(lines) < 2 and current:
        lines.append(current)
    if len(lines) == 2 and cols(" ".join(lines).replace(" ", "")) < cols(text.replace(" ", "")):
        last = lines[1]
        while last and cols(last) > width - 1:
            last = last[:-1]
        lines[1] = last.rstrip() + "…"
    return [line for line in lines if line]


def roadmap_svg(*, graph: dict[int, Node], scope: set[int], states: dict[int, str], link: bool = True) -> SafeString:
    """The roadmap as an SVG: one column per stage, one node per milestone coloured by state, arrows from
    each prerequisite to its dependant; every node links to its milestone page and carries a <title>."""
    stage_orders = sorted({graph[i].stage_order for i in scope})
    columns: dict[int, list[Node]] = {order: [] for order in stage_orders}
    for i in scope:
        columns[graph[i].stage_order].append(graph[i])
    for nodes in columns.values():
        nodes.sort(key=lambda n: n.sort_key)
    stage_titles = {s.order: s.title for s in selectors.stage_list()}
    pos: dict[int, tuple[float, float]] = {}
    for col, order in enumerate(stage_orders):
        for row, node in enumerate(columns[order]):
            pos[node.id] = (PAD + col * (NODE_W + COL_GAP), HEAD_H + row * (NODE_H + ROW_GAP))
    width = PAD * 2 + len(stage_orders) * (NODE_W + COL_GAP) - COL_GAP
    rows = max((len(nodes) for nodes in columns.values()), default=0)
    height = HEAD_H + rows * (NODE_H + ROW_GAP) + PAD
    label = _("Roadmap: %(count)s milestones in %(stages)s stages") % {"count": len(scope),
                                                                      "stages": len(stage_orders)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="roadmap-title" class="roadmap-svg">',
        f'<title id="roadmap-title">{escape(label)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7b8591"/></marker></defs>',
    ]
    for col, order in enumerate(stage_orders):
        x = PAD + col * (NODE_W + COL_GAP)
        title = stage_titles.get(order, "")
        number = _("Stage %(n)s") % {"n": order}
        out.append(f'<text x="{x}" y="16" class="stage-number" font-size="12" fill="#59626e">{escape(number)}</text>')
        for n, line in enumerate(_wrap(title, 26)):
            out.append(f'<text x="{x}" y="{31 + n * 13}" font-size="12" font-weight="600" fill="#1d232b">'
                       f'{escape(line)}</text>')
    out.append('<g class="edges" fill="none" stroke="#7b8591" stroke-width="1.2">')
    for i in sorted(scope):
        for p in graph[i].prerequisites:
            if p not in pos:
                continue
            (x1, y1), (x2, y2) = pos[p], pos[i]
            if x1 == x2:  # same stage: a bow on the right side of the column
                sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2 + NODE_W, y2 + NODE_H / 2
                bow = sx + 18 + min(abs(ey - sy) / 6, 14)
                out.append(f'<path d="M{sx},{sy} C{bow},{sy} {bow},{ey} {ex + 2},{ey}" marker-end="url(#arrow)" '
                           'stroke-opacity="0.5"/>')
            else:
                sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2 - 2, y2 + NODE_H / 2
                near = x2 - x1 <= NODE_W + COL_GAP
                mid = (sx + ex) / 2 if near else ex - COL_GAP / 2
                # Edges that jump stages are drawn fainter so the stage-to-stage flow stays readable.
                out.append(f'<path d="M{sx},{sy} C{mid},{sy} {mid},{ey} {ex},{ey}" marker-end="url(#arrow)" '
                           f'stroke-opacity="{0.6 if near else 0.22}"/>')
    out.append("</g>")
    state_labels = dict(ProgressState.choices)
    for i in sorted(scope, key=lambda i: graph[i].sort_key):
        node = graph[i]
        x, y = pos[i]
        state = states.get(i, ProgressState.LOCKED)
        fill, stroke = STATE_COLOURS.get(state, STATE_COLOURS[ProgressState.LOCKED])
        title = node.title_zh if is_zh() else node.title_en
        tooltip = f"{title}: {state_labels.get(state, state)} · {node.hours} h"
        lines = _wrap(title, 22)
        href = reverse("milestone-detail", args=[node.slug])
        out.append(f'<a href="{href}" class="node state-{state}" data-slug="{escape(node.slug)}">' if link else
                   f'<g class="node state-{state}" data-slug="{escape(node.slug)}">')
        out.append(f"<title>{escape(tooltip)}</title>")
        out.append(f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
                   f'stroke="{stroke}" stroke-width="{2.5 if state == ProgressState.IN_PROGRESS else 1.5}"/>')
        out.append(f'<text x="{x + 7}" y="{y + NODE_H / 2 + 4}" font-size="12" fill="{stroke}" font-weight="700">'
                   f"{STATE_SYMBOLS.get(state, '')}</text>")
        top = y + (17 if len(lines) > 1 else 24)
        for n, line in enumerate(lines):
            out.append(f'<text x="{x + 22}" y="{top + n * 14}" font-size="11.5" fill="#1d232b">{escape(line)}</text>')
        out.append("</a>" if link else "</g>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text above is escaped


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
    from planner.services.graph import topological

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
        form = PlanForm(initial={"hours_per_week": current.hours_per_week, "target_date": current.target_date})
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
        learners.append({"user": learner, "tracks": summary["tracks"], "in_progress": list(in_progress),
                         "last_active": Progress.objects.filter(user=learner).order_by("-updated_at")
                         .values_list("updated_at", flat=True).first()})
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
