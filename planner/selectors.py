"""The read side of planner: querysets shaped so a list costs the same few queries at any length."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from config.i18n import bilingual
from config.i18n import field as in_language
from config.search import ranked_search
from planner.curriculum_version import curriculum_kept
from planner.models import (
    SATISFIED_STATES,
    Enrolment,
    Evidence,
    Milestone,
    Progress,
    ProgressState,
    Resource,
    Stage,
    Track,
    TrackMilestone,
)
from planner.services.graph import Node, curriculum_graph, topological, with_prerequisites
from planner.services.plans import items_by_track, progress_map_with_evidence
from planner.services.summary import track_summary


def stage_list() -> QuerySet[Stage]:
    return Stage.objects.order_by("order", "slug")


def track_list() -> QuerySet[Track]:
    return Track.objects.order_by("order", "slug")


def track_picker_list() -> QuerySet[Track]:
    """Tracks with their size for choosing one: `milestone_count` and `hours` of the milestones they require."""
    required = Q(items__required=True)
    return track_list().annotate(
        milestone_count=Count("items", filter=required), hours=Sum("items__milestone__hours", filter=required)
    )


def track_picker_tracks() -> list[Track]:
    """track_picker_list as this process keeps it until the curriculum changes (curriculum_kept): pages that offer
    a track read it without a query. Titles follow the active language when read, so one list serves both."""
    return curriculum_kept("track-picker", lambda: list(track_picker_list()))


def track_get(*, slug: str) -> Track | None:
    items = TrackMilestone.objects.select_related("milestone__stage").order_by("order", "id")
    return Track.objects.prefetch_related(Prefetch("items", queryset=items)).filter(slug=slug).first()


def milestone_list(*, with_resources: bool = False) -> QuerySet[Milestone]:
    """Every milestone in curriculum order, with its stage and prerequisites' slugs (planner.api.filters narrows it),
    and their resources when asked for."""
    qs = Milestone.objects.select_related("stage").prefetch_related(
        Prefetch("prerequisites", queryset=Milestone.objects.only("id", "slug"))
    )
    if with_resources:
        qs = qs.prefetch_related(Prefetch("resources", queryset=Resource.objects.order_by("order", "id")))
    return qs.order_by("stage__order", "order", "slug")


def milestone_search(qs: QuerySet[Milestone], text: str) -> QuerySet[Milestone]:
    """Milestones whose slug, title, summary or topics match `text` in either language, best first (config.search:
    a title match before a summary match before a topic match)."""
    # Topics are JSON lists; their text form holds the words in either language (jsonb::text keeps CJK characters).
    qs = qs.annotate(_topics_en=Cast("topics_en", TextField()), _topics_zh=Cast("topics_zh", TextField()))
    return ranked_search(qs, text, MILESTONE_SEARCH_FIELDS)


MILESTONE_SEARCH_FIELDS = (
    ("slug", "A"),
    ("title_en", "A"),
    ("title_zh", "A"),
    ("summary_en", "B"),
    ("summary_zh", "B"),
    ("_topics_en", "C"),
    ("_topics_zh", "C"),
)


def milestone_get(*, slug: str) -> Milestone | None:
    return (
        Milestone.objects.select_related("stage")
        .prefetch_related(
            Prefetch("prerequisites", queryset=Milestone.objects.select_related("stage")),
            Prefetch("dependants", queryset=Milestone.objects.select_related("stage")),
            "resources",
            Prefetch("track_items", queryset=TrackMilestone.objects.select_related("track")),
        )
        .filter(slug=slug)
        .first()
    )


def milestone_brief_get(*, slug: str) -> Milestone | None:
    """A milestone with its stage and nothing else (milestone_get reads its relations too)."""
    return Milestone.objects.select_related("stage").filter(slug=slug).first()


def milestones_with_stage(*, ids: set[int]) -> list[Milestone]:
    """These milestones with their stages, in no particular order."""
    return list(Milestone.objects.filter(id__in=ids).select_related("stage"))


def enrolment_list(*, learner_id: int) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user_id=learner_id).select_related("track", "plan").order_by("created_at", "id")


def enrolment_get(*, pk: int) -> Enrolment | None:
    return Enrolment.objects.select_related("track", "user").filter(pk=pk).first()


def progress_list(*, learner_id: int) -> QuerySet[Progress]:
    """The learner's progress rows in curriculum order (planner.api.filters narrows them)."""
    qs = Progress.objects.filter(user_id=learner_id).select_related("milestone__stage")
    return qs.order_by("milestone__stage__order", "milestone__order", "milestone__slug")


def progress_get(*, learner_id: int, milestone: Milestone) -> Progress | None:
    """The learner's progress row of one milestone, or None when they have none (not in any of their tracks)."""
    return Progress.objects.filter(user_id=learner_id, milestone=milestone).first()


def progress_by_milestone(*, learner_id: int, milestone_ids: set[int]) -> dict[int, Progress]:
    """The learner's progress rows of these milestones, by milestone id."""
    return {p.milestone_id: p for p in Progress.objects.filter(user_id=learner_id, milestone_id__in=milestone_ids)}


def enrolment_scope(graph: dict[int, Node], enrolment: Enrolment) -> set[int]:
    """The milestones an enrolment covers: the track's required ones (and optional ones when it includes them)
    with every prerequisite."""
    items = enrolment.track.items.values_list("milestone_id", "required")
    return with_prerequisites(graph, [mid for mid, required in items if required or enrolment.include_optional])


@dataclass
class LearnerOverview:
    """What a dashboard shows about one learner (their own, or a mentor's view of them)."""

    enrolments: list[Enrolment]
    enrolment: Enrolment | None
    graph: dict[int, Node] = field(default_factory=dict)
    scope: set[int] = field(default_factory=set)
    states: dict[int, str] = field(default_factory=dict)
    stage_titles: dict[int, str] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    all_tracks: list[dict[str, Any]] = field(default_factory=list)
    next_up: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # How the done milestones in scope were completed: by a graded pass, a mentor's sign-off or the learner's word.
    evidence: dict[str, int] = field(default_factory=dict)


def learner_overview_get(*, learner_id: int, track_slug: str | None = None) -> LearnerOverview:
    """One enrolment's roadmap (the one of `track_slug`, else the first), the progress summary of every track,
    and what can be started next in the order the plan would take it. Titles are in the active language."""
    # A plan's settings are read here, never its weeks (tens of KiB of JSON to decode per plan).
    enrolments = list(enrolment_list(learner_id=learner_id).defer("plan__weeks"))
    if not enrolments:
        return LearnerOverview(enrolments=[], enrolment=None)
    enrolment = next((e for e in enrolments if e.track.slug == track_slug), enrolments[0])
    # One read each of the graph, the tracks' milestones and the learner's rows, shared by the roadmap and the
    # summaries (they used to read them again each).
    graph = curriculum_graph()
    items = items_by_track(sorted({e.track_id for e in enrolments}))
    progress, evidence = progress_map_with_evidence(learner_id)
    chosen = items[enrolment.track_id]
    scope = with_prerequisites(graph, [mid for mid, required in chosen if required or enrolment.include_optional])
    states = {mid: state for mid, (state, _) in progress.items() if mid in scope}
    stages = list(stage_list())
    today = timezone.localdate()
    summary = {"tracks": [track_summary(e, graph, items, progress, today) for e in enrolments]}
    for track in summary["tracks"]:
        track["title"] = bilingual(track)
    current = next((t for t in summary["tracks"] if t["enrolment"] == enrolment.pk), None)
    if current:
        by_slug = {s.slug: s.title for s in stages}
        for stage in current["stages"]:
            stage["title"] = by_slug.get(stage["stage"], stage["stage"])
    ready = [n for n in topological(graph, scope) if states.get(n.id) in _STARTABLE]
    return LearnerOverview(
        enrolments=enrolments,
        enrolment=enrolment,
        graph=graph,
        scope=scope,
        states=states,
        stage_titles={s.order: s.title for s in stages},
        summary=current,
        all_tracks=summary["tracks"],
        next_up=[
            {
                "slug": n.slug,
                "title": in_language(n, "title"),
                "hours": n.hours,
                "state": states.get(n.id),
                "completion": n.completion,
            }
            for n in ready[:6]
        ],
        counts={state: sum(1 for i in scope if states.get(i) == state) for state in ProgressState.values},
        evidence=_evidence_counts(states, evidence),
    )


_STARTABLE = (ProgressState.IN_PROGRESS, ProgressState.AVAILABLE)


def _evidence_counts(states: dict[int, str], evidence: dict[int, str]) -> dict[str, int]:
    """{evidence: number of done milestones in `states`} (a blank evidence counts as self-reported)."""
    counts = dict.fromkeys(Evidence.values, 0)
    for mid, state in states.items():
        if state == ProgressState.DONE:
            counts[evidence.get(mid) or Evidence.SELF] += 1
    return counts


def missing_prerequisites_by_milestone(*, user_id: int, milestone_ids: list[int]) -> dict[int, list[Milestone]]:
    """For each of `milestone_ids`, its prerequisites the learner has not done or skipped (one query)."""
    through = Milestone.prerequisites.through
    satisfied = Progress.objects.filter(
        user_id=user_id, milestone_id=OuterRef("to_milestone_id"), state__in=SATISFIED_STATES
    )
    edges = (
        through.objects.filter(from_milestone_id__in=milestone_ids)
        .filter(~Exists(satisfied))
        .select_related("to_milestone")
        .order_by("to_milestone__stage__order", "to_milestone__order", "to_milestone__slug")
    )
    out: dict[int, list[Milestone]] = {mid: [] for mid in milestone_ids}
    for edge in edges:
        out[edge.from_milestone_id].append(edge.to_milestone)
    return out


def milestone_progress_get(*, user_id: int, milestone: Milestone) -> dict[str, Any]:
    """The learner's row on `milestone` (None when it is not in their tracks) and the state of each prerequisite
    (locked when they have no row for it)."""
    prerequisites = list(milestone.prerequisites.all())
    rows = {
        p.milestone_id: p
        for p in Progress.objects.filter(
            user_id=user_id, milestone_id__in=[milestone.pk, *(m.pk for m in prerequisites)]
        )
    }
    labels = dict(ProgressState.choices)
    states = [(m, rows[m.pk].state if m.pk in rows else ProgressState.LOCKED) for m in prerequisites]
    return {
        "progress": rows.get(milestone.pk),
        "prerequisites": [{"milestone": m, "state": state, "label": labels[state]} for m, state in states],
    }
