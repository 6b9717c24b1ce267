"""Writing a validated curriculum to the database: upsert by slug, all in one transaction.

Reload policy (upsert by slug):
- stages, milestones, resources, tracks and track items are created or updated in place, so ids and
  learners' progress on milestones that still exist are kept; an unchanged reload writes nothing;
- a milestone that is no longer in the files is deleted, unless a learner has progress on it or an
  exercise is tied to it: then it is kept (out of every track, its prerequisites cleared) and reported
  as a warning, so no learner's history is silently lost. Delete the progress, then reload, to remove it;
- a stage that is no longer in the files is deleted once none of its milestones is left;
- a track that is no longer in the files is deleted unless someone is enrolled in it (kept, reported).
After writing, enrolled learners get progress rows for any new milestone of their tracks and every
learner's locked/available states are recomputed against the new prerequisites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count

from planner.curriculum.schema import Curriculum
from planner.curriculum_version import curriculum_changed
from planner.models import Milestone, Progress, Resource, Stage, Track, TrackMilestone
from planner.services.availability import progress_ensure_for_enrolments, progress_recompute_all


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], kind: str, n: int = 1) -> None:
        bucket[kind] = bucket.get(kind, 0) + n

    def lines(self) -> list[str]:
        def fmt(bucket: dict[str, int]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in sorted(bucket.items()) if n) or "nothing"

        return [f"created: {fmt(self.created)}", f"updated: {fmt(self.updated)}", f"deleted: {fmt(self.deleted)}"]


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _upsert(
    model: type, existing: dict[str, Any], slug: str, values: dict[str, Any], report: LoadReport, kind: str
) -> Any:
    obj = existing.get(slug)
    if obj is None:
        obj = model(slug=slug, **values)
        obj.full_clean()
        obj.save()
        existing[slug] = obj
        report.count(report.created, kind)
    elif _assign(obj, values):
        obj.full_clean()
        obj.save()
        report.count(report.updated, kind)
    return obj


def _bilingual(data: Any) -> dict[str, Any]:
    return {
        "title_en": data.title_en,
        "title_zh": data.title_zh,
        "summary_en": data.summary_en,
        "summary_zh": data.summary_zh,
    }


def _milestone_fields(data: Any, stages: dict[str, Stage]) -> dict[str, Any]:
    return {
        "stage_id": stages[data.stage_slug].pk,
        "order": data.order,
        "hours": data.hours,
        "completion": data.completion,
        **_bilingual(data),
        "topics_en": data.topics_en,
        "topics_zh": data.topics_zh,
        "recall": data.recall,
    }


@transaction.atomic
def curriculum_load(*, curriculum: Curriculum) -> LoadReport:
    """Write a validated curriculum: upsert by slug in one transaction (policy in the module docstring)."""
    report = LoadReport()
    stages = {s.slug: s for s in Stage.objects.select_for_update()}
    for data in curriculum.stages:
        _upsert(Stage, stages, data.slug, {"order": data.order, **_bilingual(data)}, report, "stages")
    milestones = {m.slug: m for m in Milestone.objects.select_for_update()}
    for data in curriculum.milestones:
        _upsert(Milestone, milestones, data.slug, _milestone_fields(data, stages), report, "milestones")
    file_slugs = {m.slug for m in curriculum.milestones}
    removed = {slug: m for slug, m in milestones.items() if slug not in file_slugs}
    _remove_milestones(removed, report)
    _sync_prerequisites(curriculum, milestones, removed, report)
    _sync_resources(curriculum, milestones, report)
    tracks = {t.slug: t for t in Track.objects.select_for_update()}
    for data in curriculum.tracks:
        fields = {"role": data.role, "order": data.order, **_bilingual(data)}
        _upsert(Track, tracks, data.slug, fields, report, "tracks")
    _sync_track_items(curriculum, tracks, milestones, removed, report)
    _remove_tracks({slug: t for slug, t in tracks.items() if slug not in {d.slug for d in curriculum.tracks}}, report)
    _remove_stages(stages, {s.slug for s in curriculum.stages}, report)
    progress_ensure_for_enrolments()
    progress_recompute_all()
    curriculum_changed()  # resources are bulk-created (no signals): cached curriculum reads must rebuild
    return report


def _remove_stages(stages: dict[str, Stage], file_stage_slugs: set[str], report: LoadReport) -> None:
    for slug, stage in stages.items():
        if slug not in file_stage_slugs:
            if stage.milestones.exists():
                report.warnings.append(
                    f"stage '{slug}' is no longer in the files but is kept: it still holds "
                    "milestones that learners have progress on"
                )
            else:
                stage.delete()
                report.count(report.deleted, "stages")


def _remove_milestones(removed: dict[str, Milestone], report: LoadReport) -> None:
    if not removed:
        return
    ids = [m.pk for m in removed.values()]
    with_progress = dict(
        Progress.objects.filter(milestone_id__in=ids)
        .values("milestone__slug")
        .annotate(n=Count("id"))
        .values_list("milestone__slug", "n")
    )
    with_exercises = set(
        Milestone.objects.filter(id__in=ids, exercises__isnull=False).values_list("slug", flat=True).distinct()
    )
    to_delete = []
    for slug in sorted(removed):
        reasons = []
        if slug in with_progress:
            reasons.append(f"{with_progress[slug]} learner(s) have progress on it")
        if slug in with_exercises:
            reasons.append("exercises are tied to it")
        if reasons:
            report.warnings.append(f"milestone '{slug}' is no longer in the files but is kept: {'; '.join(reasons)}")
        else:
            to_delete.append(removed[slug].pk)
    if to_delete:
        Milestone.objects.filter(id__in=to_delete).delete()
        report.count(report.deleted, "milestones", len(to_delete))
    for slug in list(removed):
        if removed[slug].pk in to_delete:
            del removed[slug]


def _sync_prerequisites(
    curriculum: Curriculum, milestones: dict[str, Milestone], kept: dict[str, Milestone], report: LoadReport
) -> None:
    through = Milestone.prerequisites.through
    wanted = {(milestones[m.slug].pk, milestones[p].pk) for m in curriculum.milestones for p in m.prerequisites}
    current = set(through.objects.values_list("from_milestone_id", "to_milestone_id"))
    extra = current - wanted
    if extra:
        for from_id, to_id in extra:
            through.objects.filter(from_milestone_id=from_id, to_milestone_id=to_id).delete()
        report.count(report.deleted, "prerequisite links", len(extra))
    missing = wanted - current
    if missing:
        through.objects.bulk_create([through(from_milestone_id=f, to_milestone_id=t) for f, t in sorted(missing)])
        report.count(report.created, "prerequisite links", len(missing))


def _sync_resources(curriculum: Curriculum, milestones: dict[str, Milestone], report: LoadReport) -> None:
    current: dict[int, list[Resource]] = {}
    for resource in Resource.objects.order_by("milestone_id", "order", "id"):
        current.setdefault(resource.milestone_id, []).append(resource)
    for data in curriculum.milestones:
        milestone = milestones[data.slug]
        have = current.get(milestone.pk, [])
        want = [(i, r.title, r.authors, r.kind, r.url) for i, r in enumerate(data.resources, start=1)]
        if [(r.order, r.title, r.authors, r.kind, r.url) for r in have] == want:
            continue
        # A milestone's reading list is replaced as a whole: nothing else refers to resources.
        if have:
            Resource.objects.filter(milestone=milestone).delete()
            report.count(report.deleted, "resources", len(have))
        new = [Resource(milestone=milestone, order=o, title=t, authors=a, kind=k, url=u) for o, t, a, k, u in want]
        for resource in new:
            resource.full_clean()
        Resource.objects.bulk_create(new)
        report.count(report.created, "resources", len(new))


def _sync_track_items(
    curriculum: Curriculum,
    tracks: dict[str, Track],
    milestones: dict[str, Milestone],
    kept: dict[str, Milestone],
    report: LoadReport,
) -> None:
    file_tracks = {t.slug for t in curriculum.tracks}
    current = {
        (item.track_id, item.milestone_id): item for item in TrackMilestone.objects.filter(track__slug__in=file_tracks)
    }
    wanted: set[tuple[int, int]] = set()
    for data in curriculum.tracks:
        track = tracks[data.slug]
        for order, item_data in enumerate(data.items, start=1):
            key = (track.pk, milestones[item_data.slug].pk)
            wanted.add(key)
            item = current.get(key)
            if item is None:
                TrackMilestone.objects.create(
                    track=track, milestone=milestones[item_data.slug], required=item_data.required, order=order
                )
                report.count(report.created, "track milestones")
            elif _assign(item, {"required": item_data.required, "order": order}):
                item.save(update_fields=["required", "order"])
                report.count(report.updated, "track milestones")
    extra = [item.pk for key, item in current.items() if key not in wanted]
    if extra:
        TrackMilestone.objects.filter(pk__in=extra).delete()
        report.count(report.deleted, "track milestones", len(extra))
    # Milestones kept only for their progress leave every track.
    kept_items = TrackMilestone.objects.filter(milestone_id__in=[m.pk for m in kept.values()])
    n = kept_items.count()
    if n:
        kept_items.delete()
        report.count(report.deleted, "track milestones", n)


def _remove_tracks(removed: dict[str, Track], report: LoadReport) -> None:
    for slug, track in sorted(removed.items()):
        if track.enrolments.exists():
            report.warnings.append(f"track '{slug}' is no longer in the files but is kept: learners are enrolled in it")
        else:
            track.delete()
            report.count(report.deleted, "tracks")
