"""The read side of planner: querysets shaped so a list costs the same few queries at any length."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from planner.models import Enrolment, Milestone, Progress, Stage, Track, TrackMilestone


def stage_list() -> QuerySet[Stage]:
    return Stage.objects.order_by("order", "slug")


def track_list() -> QuerySet[Track]:
    return Track.objects.order_by("order", "slug")


def track_get(*, slug: str) -> Track | None:
    items = TrackMilestone.objects.select_related("milestone__stage").order_by("order", "id")
    return Track.objects.prefetch_related(Prefetch("items", queryset=items)).filter(slug=slug).first()


def milestone_list(
    *, stage: str | None = None, track: str | None = None, search: str | None = None, completion: str | None = None
) -> QuerySet[Milestone]:
    qs = Milestone.objects.select_related("stage").prefetch_related(
        Prefetch("prerequisites", queryset=Milestone.objects.only("id", "slug"))
    )
    if stage:
        qs = qs.filter(stage__slug=stage)
    if track:
        qs = qs.filter(track_items__track__slug=track)
    if completion:
        qs = qs.filter(completion=completion)
    if search:
        # Topics are JSON lists; their text form holds the words in either language (jsonb::text
        # keeps CJK characters as they are).
        qs = qs.annotate(_topics_en=Cast("topics_en", TextField()), _topics_zh=Cast("topics_zh", TextField()))
        q = Q()
        for field in ("slug", "title_en", "title_zh", "summary_en", "summary_zh", "_topics_en", "_topics_zh"):
            q |= Q(**{f"{field}__icontains": search})
        qs = qs.filter(q)
    return qs.order_by("stage__order", "order", "slug").distinct()


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


def enrolment_list(*, learner_id: int) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user_id=learner_id).select_related("track", "plan").order_by("created_at", "id")


def enrolment_get(*, pk: int) -> Enrolment | None:
    return Enrolment.objects.select_related("track", "user").filter(pk=pk).first()


def progress_list(
    *, learner_id: int, state: str | None = None, track: str | None = None, stage: str | None = None
) -> QuerySet[Progress]:
    qs = Progress.objects.filter(user_id=learner_id).select_related("milestone__stage")
    if state:
        qs = qs.filter(state=state)
    if track:
        qs = qs.filter(milestone__track_items__track__slug=track)
    if stage:
        qs = qs.filter(milestone__stage__slug=stage)
    return qs.order_by("milestone__stage__order", "milestone__order", "milestone__slug")
