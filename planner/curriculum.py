"""The curriculum files (curriculum/stages/*.yaml + tracks.yaml): parse, validate, load, export.

Format: /work/notes/CURRICULUM_SCHEMA.md (stages/NN-<slug>.yaml, one stage each, and tracks.yaml).

Loading is all-or-nothing: every file is parsed and every rule checked before the database is touched,
and then everything is written in one transaction. Errors name the file and the slugs involved.

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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Count

from planner.models import Completion, Milestone, Progress, Resource, Stage, Track, TrackMilestone

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESOURCE_KINDS = {choice.value for choice in Resource.Kind}
COMPLETIONS = {choice.value for choice in Completion}
ROLES = {choice.value for choice in Track.Role}
MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("99999.9")

TRACKS_FILE = "tracks.yaml"
STAGES_DIR = "stages"


class CurriculumError(Exception):
    """The curriculum files are invalid; `errors` lists every problem found (file: message)."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# --- parsed data ---------------------------------------------------------------------------------


@dataclass
class ResourceData:
    title: str
    authors: str
    kind: str
    url: str


@dataclass
class MilestoneData:
    slug: str
    file: str
    stage_slug: str
    order: int
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    hours: Decimal
    completion: str
    prerequisites: list[str]
    topics_en: list[str]
    topics_zh: list[str]
    resources: list[ResourceData]


@dataclass
class StageData:
    slug: str
    file: str
    order: int
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    milestones: list[MilestoneData] = field(default_factory=list)


@dataclass
class TrackItemData:
    slug: str
    required: bool


@dataclass
class TrackData:
    slug: str
    file: str
    order: int
    role: str
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    items: list[TrackItemData] = field(default_factory=list)


@dataclass
class Curriculum:
    stages: list[StageData]
    tracks: list[TrackData]

    @property
    def milestones(self) -> list[MilestoneData]:
        return [m for s in self.stages for m in s.milestones]


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


# --- parsing and validation ----------------------------------------------------------------------


class _Checker:
    """Collects errors while reading loosely typed YAML into the dataclasses above."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, file: str, message: str) -> None:
        self.errors.append(f"{file}: {message}")

    def bilingual(self, file: str, where: str, data: Any, key: str, *, required: bool = True) -> tuple[str, str]:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None and not required:
            return "", ""
        if not isinstance(value, dict):
            self.error(file, f"{where}: '{key}' must be a mapping with 'en' and 'zh'")
            return "", ""
        out = []
        for lang in ("en", "zh"):
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.error(file, f"{where}: '{key}.{lang}' is missing or empty")
                out.append("")
            else:
                out.append(text.strip())
        return out[0], out[1]

    def slug(self, file: str, where: str, value: Any) -> str | None:
        if not isinstance(value, str) or not SLUG_RE.match(value):
            self.error(file, f"{where}: slug {value!r} must be lowercase-kebab (a-z, 0-9, '-')")
            return None
        if len(value) > 80:
            self.error(file, f"{where}: slug '{value}' is longer than 80 characters")
            return None
        return value

    def hours(self, file: str, where: str, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.error(file, f"{where}: hours must be a number > 0, got {value!r}")
            return Decimal(0)
        try:
            hours = Decimal(str(value))
        except InvalidOperation:
            self.error(file, f"{where}: hours must be a number > 0, got {value!r}")
            return Decimal(0)
        if not hours.is_finite() or hours <= 0:
            self.error(file, f"{where}: hours must be a number > 0, got {value!r}")
        elif hours < MIN_HOURS or hours > MAX_HOURS:
            self.error(file, f"{where}: hours must be between {MIN_HOURS} and {MAX_HOURS}, got {value!r}")
        elif hours != hours.quantize(Decimal("0.1")):
            self.error(file, f"{where}: hours may have at most one decimal place, got {value!r}")
        return hours

    def string_list(self, file: str, where: str, value: Any, key: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(file, f"{where}: '{key}' must be a list of strings")
            return []
        return list(value)


def _read_yaml(path: Path, label: str, checker: _Checker) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        checker.error(label, f"cannot be read ({exc})")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        checker.error(label, f"is not valid YAML{where}: {getattr(exc, 'problem', exc)}")
    return None


def _label(path: Path, root: Path, root_label: str) -> str:
    return f"{root_label.rstrip('/')}/{path.relative_to(root).as_posix()}"


def _parse_milestone(checker: _Checker, file: str, stage_slug: str, index: int, raw: Any) -> MilestoneData | None:
    where = f"milestone #{index}"
    if not isinstance(raw, dict):
        checker.error(file, f"{where} must be a mapping")
        return None
    slug = checker.slug(file, where, raw.get("slug"))
    if slug:
        where = f"milestone '{slug}'"
    title_en, title_zh = checker.bilingual(file, where, raw, "title")
    summary_en, summary_zh = checker.bilingual(file, where, raw, "summary")
    hours = checker.hours(file, where, raw.get("hours"))
    completion = raw.get("completion")
    if completion not in COMPLETIONS:
        checker.error(file, f"{where}: completion must be one of auto, mentor, self, got {completion!r}")
    prerequisites = checker.string_list(file, where, raw.get("prerequisites", []), "prerequisites")
    for prereq in prerequisites:
        if prereq == slug:
            checker.error(file, f"{where}: lists itself as a prerequisite (cycle: {slug} -> {slug})")
    if len(set(prerequisites)) != len(prerequisites):
        checker.error(file, f"{where}: a prerequisite is listed twice")
    topics = raw.get("topics") or {}
    if not isinstance(topics, dict):
        checker.error(file, f"{where}: 'topics' must be a mapping with 'en' and 'zh' lists")
        topics = {}
    topics_en = checker.string_list(file, where, topics.get("en"), "topics.en")
    topics_zh = checker.string_list(file, where, topics.get("zh"), "topics.zh")
    resources: list[ResourceData] = []
    raw_resources = raw.get("resources") or []
    if not isinstance(raw_resources, list):
        checker.error(file, f"{where}: 'resources' must be a list")
        raw_resources = []
    url_validator = URLValidator()
    for r_index, res in enumerate(raw_resources, start=1):
        r_where = f"{where} resource #{r_index}"
        if not isinstance(res, dict):
            checker.error(file, f"{r_where} must be a mapping")
            continue
        title, authors, kind, url = res.get("title"), res.get("authors") or "", res.get("kind"), res.get("url") or ""
        if not isinstance(title, str) or not title.strip() or len(title) > 300:
            checker.error(file, f"{r_where}: title is missing, empty or longer than 300 characters")
        if not isinstance(authors, str) or len(authors) > 300:
            checker.error(file, f"{r_where}: authors must be text of at most 300 characters")
        if kind not in RESOURCE_KINDS:
            checker.error(file, f"{r_where}: kind must be one of {', '.join(sorted(RESOURCE_KINDS))}, got {kind!r}")
        if not isinstance(url, str) or len(url) > 500:
            checker.error(file, f"{r_where}: url must be text of at most 500 characters")
        elif url:
            try:
                url_validator(url)
            except ValidationError:
                checker.error(file, f"{r_where}: url {url!r} is not a valid URL")
        if isinstance(title, str) and isinstance(authors, str) and isinstance(url, str):
            resources.append(ResourceData(title=title.strip(), authors=authors.strip(), kind=str(kind), url=url))
    if slug is None:
        return None
    return MilestoneData(
        slug=slug, file=file, stage_slug=stage_slug, order=index, title_en=title_en, title_zh=title_zh,
        summary_en=summary_en, summary_zh=summary_zh, hours=hours, completion=str(completion),
        prerequisites=prerequisites, topics_en=topics_en, topics_zh=topics_zh, resources=resources,
    )


def _parse_stage_file(checker: _Checker, file: str, data: Any) -> StageData | None:
    if not isinstance(data, dict) or not isinstance(data.get("stage"), dict):
        checker.error(file, "must have a 'stage' mapping and a 'milestones' list")
        return None
    raw = data["stage"]
    slug = checker.slug(file, "stage", raw.get("slug"))
    where = f"stage '{slug}'" if slug else "stage"
    order = raw.get("order")
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= 32767:
        checker.error(file, f"{where}: order must be a whole number from 0, got {order!r}")
        order = 0
    title_en, title_zh = checker.bilingual(file, where, raw, "title")
    summary_en, summary_zh = checker.bilingual(file, where, raw, "summary")
    raw_milestones = data.get("milestones")
    if not isinstance(raw_milestones, list):
        checker.error(file, f"{where}: 'milestones' must be a list")
        raw_milestones = []
    stage = StageData(
        slug=slug or "", file=file, order=order, title_en=title_en, title_zh=title_zh,
        summary_en=summary_en, summary_zh=summary_zh,
    )
    for index, raw_m in enumerate(raw_milestones, start=1):
        milestone = _parse_milestone(checker, file, stage.slug, index, raw_m)
        if milestone is not None:
            stage.milestones.append(milestone)
    return stage if slug else None


def _parse_tracks_file(checker: _Checker, file: str, data: Any) -> list[TrackData]:
    if not isinstance(data, dict) or not isinstance(data.get("tracks"), list):
        checker.error(file, "must have a 'tracks' list")
        return []
    tracks = []
    for index, raw in enumerate(data["tracks"], start=1):
        where = f"track #{index}"
        if not isinstance(raw, dict):
            checker.error(file, f"{where} must be a mapping")
            continue
        slug = checker.slug(file, where, raw.get("slug"))
        if slug:
            where = f"track '{slug}'"
        role = raw.get("role")
        if role not in ROLES:
            checker.error(file, f"{where}: role must be one of {', '.join(sorted(ROLES))}, got {role!r}")
        title_en, title_zh = checker.bilingual(file, where, raw, "title")
        summary_en, summary_zh = checker.bilingual(file, where, raw, "summary")
        track = TrackData(
            slug=slug or "", file=file, order=index, role=str(role), title_en=title_en, title_zh=title_zh,
            summary_en=summary_en, summary_zh=summary_zh,
        )
        raw_items = raw.get("milestones")
        if not isinstance(raw_items, list) or not raw_items:
            checker.error(file, f"{where}: 'milestones' must be a non-empty list")
            raw_items = []
        seen: set[str] = set()
        for item in raw_items:
            if not isinstance(item, dict) or not isinstance(item.get("slug"), str):
                checker.error(file, f"{where}: each milestone must be a mapping like {{slug: x, required: true}}")
                continue
            required = item.get("required", True)
            if not isinstance(required, bool):
                checker.error(file, f"{where}: milestone '{item['slug']}': required must be true or false")
                required = True
            if item["slug"] in seen:
                checker.error(file, f"{where}: duplicate milestone '{item['slug']}'")
                continue
            seen.add(item["slug"])
            track.items.append(TrackItemData(slug=item["slug"], required=required))
        if slug:
            tracks.append(track)
    return tracks


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every distinct cycle found by a depth-first walk, each as [a, b, ..., a] (a -> b: a needs b)."""
    white, grey, black = 0, 1, 2
    color = dict.fromkeys(graph, white)
    cycles: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for root in sorted(graph):
        if color[root] != white:
            continue
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(graph[root]))]
        path = [root]
        color[root] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                color[node] = black
                stack.pop()
                path.pop()
                continue
            if child not in color:
                continue
            if color[child] == grey:
                cycle = path[path.index(child):]
                pivot = cycle.index(min(cycle))
                key = tuple(cycle[pivot:] + cycle[:pivot])
                if key not in seen:
                    seen.add(key)
                    cycles.append([*key, key[0]])
            elif color[child] == white:
                color[child] = grey
                path.append(child)
                stack.append((child, iter(graph[child])))
    return cycles


def transitive_prerequisites(graph: dict[str, list[str]], slug: str) -> set[str]:
    out: set[str] = set()
    todo = list(graph.get(slug, []))
    while todo:
        current = todo.pop()
        if current not in out:
            out.add(current)
            todo.extend(graph.get(current, []))
    return out


def _validate_references(checker: _Checker, curriculum: Curriculum, tracks_file: str) -> None:
    stage_files: dict[str, str] = {}
    stage_orders: dict[int, str] = {}
    for stage in curriculum.stages:
        if stage.slug in stage_files:
            checker.error(stage.file, f"duplicate stage slug '{stage.slug}' (also in {stage_files[stage.slug]})")
        else:
            stage_files[stage.slug] = stage.file
        if stage.order in stage_orders:
            checker.error(stage.file, f"stage '{stage.slug}': order {stage.order} is also used by "
                                      f"stage '{stage_orders[stage.order]}'")
        else:
            stage_orders[stage.order] = stage.slug

    by_slug: dict[str, MilestoneData] = {}
    for milestone in curriculum.milestones:
        if milestone.slug in by_slug:
            checker.error(milestone.file, f"duplicate milestone slug '{milestone.slug}' "
                                          f"(also in {by_slug[milestone.slug].file})")
        else:
            by_slug[milestone.slug] = milestone
    for milestone in curriculum.milestones:
        for prereq in milestone.prerequisites:
            if prereq not in by_slug:
                checker.error(milestone.file, f"milestone '{milestone.slug}': unknown prerequisite '{prereq}'")

    track_slugs: set[str] = set()
    for track in curriculum.tracks:
        if track.slug in track_slugs:
            checker.error(track.file, f"duplicate track slug '{track.slug}'")
        track_slugs.add(track.slug)
        for item in track.items:
            if item.slug not in by_slug:
                checker.error(track.file, f"track '{track.slug}': unknown milestone '{item.slug}'")

    graph = {slug: [p for p in m.prerequisites if p in by_slug and p != slug] for slug, m in by_slug.items()}
    cycles = find_cycles(graph)
    for cycle in cycles:
        files = sorted({by_slug[s].file for s in cycle})
        checker.error(", ".join(files), "prerequisites form a cycle: " + " -> ".join(cycle))
    if cycles:
        return  # closure is meaningless on a cyclic graph

    for track in curriculum.tracks:
        in_track = {item.slug for item in track.items}
        for item in track.items:
            if not item.required or item.slug not in by_slug:
                continue
            missing = sorted(transitive_prerequisites(graph, item.slug) - in_track)
            if missing:
                checker.error(track.file, f"track '{track.slug}': required milestone '{item.slug}' needs "
                                          f"prerequisites that are not in the track: {', '.join(missing)}")


def curriculum_parse(path: Path | str) -> Curriculum:
    """Read and validate a curriculum folder; raise CurriculumError listing every problem."""
    root = Path(path)
    root_label = str(path)
    checker = _Checker()
    if not root.is_dir():
        raise CurriculumError([f"{root_label}: not a directory"])
    stage_paths = sorted((root / STAGES_DIR).glob("*.yaml")) + sorted((root / STAGES_DIR).glob("*.yml"))
    if not stage_paths:
        checker.error(_label(root / STAGES_DIR, root, root_label), "no stage files (*.yaml) found")
    stages = []
    for stage_path in stage_paths:
        label = _label(stage_path, root, root_label)
        data = _read_yaml(stage_path, label, checker)
        if data is None and not any(e.startswith(label) for e in checker.errors):
            checker.error(label, "is empty")
        stage = _parse_stage_file(checker, label, data) if data is not None else None
        if stage is not None:
            stages.append(stage)
    tracks_path = root / TRACKS_FILE
    tracks_label = _label(tracks_path, root, root_label)
    tracks: list[TrackData] = []
    if not tracks_path.is_file():
        checker.error(tracks_label, "is missing")
    else:
        data = _read_yaml(tracks_path, tracks_label, checker)
        if data is not None or not any(e.startswith(tracks_label) for e in checker.errors):
            tracks = _parse_tracks_file(checker, tracks_label, data)
    curriculum = Curriculum(stages=sorted(stages, key=lambda s: (s.order, s.slug)), tracks=tracks)
    _validate_references(checker, curriculum, tracks_label)
    if checker.errors:
        raise CurriculumError(checker.errors)
    return curriculum


# --- writing to the database ---------------------------------------------------------------------


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _upsert(model: type, existing: dict[str, Any], slug: str, values: dict[str, Any], report: LoadReport,
            kind: str) -> Any:
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


@transaction.atomic
def curriculum_load(*, curriculum: Curriculum) -> LoadReport:
    """Write a validated curriculum: upsert by slug in one transaction (policy in the module docstring)."""
    from planner.services.progress import progress_ensure_for_enrolments, progress_recompute_all

    report = LoadReport()
    stages = {s.slug: s for s in Stage.objects.select_for_update()}
    for data in curriculum.stages:
        _upsert(Stage, stages, data.slug, {
            "order": data.order, "title_en": data.title_en, "title_zh": data.title_zh,
            "summary_en": data.summary_en, "summary_zh": data.summary_zh,
        }, report, "stages")

    milestones = {m.slug: m for m in Milestone.objects.select_for_update()}
    for data in curriculum.milestones:
        _upsert(Milestone, milestones, data.slug, {
            "stage_id": stages[data.stage_slug].pk, "order": data.order, "hours": data.hours,
            "completion": data.completion, "title_en": data.title_en, "title_zh": data.title_zh,
            "summary_en": data.summary_en, "summary_zh": data.summary_zh,
            "topics_en": data.topics_en, "topics_zh": data.topics_zh,
        }, report, "milestones")

    file_slugs = {m.slug for m in curriculum.milestones}
    removed = {slug: m for slug, m in milestones.items() if slug not in file_slugs}
    _remove_milestones(removed, report)

    _sync_prerequisites(curriculum, milestones, removed, report)
    _sync_resources(curriculum, milestones, report)

    tracks = {t.slug: t for t in Track.objects.select_for_update()}
    for data in curriculum.tracks:
        _upsert(Track, tracks, data.slug, {
            "role": data.role, "order": data.order, "title_en": data.title_en, "title_zh": data.title_zh,
            "summary_en": data.summary_en, "summary_zh": data.summary_zh,
        }, report, "tracks")
    _sync_track_items(curriculum, tracks, milestones, removed, report)
    _remove_tracks({slug: t for slug, t in tracks.items() if slug not in {d.slug for d in curriculum.tracks}}, report)

    file_stage_slugs = {s.slug for s in curriculum.stages}
    for slug, stage in stages.items():
        if slug not in file_stage_slugs:
            if stage.milestones.exists():
                report.warnings.append(f"stage '{slug}' is no longer in the files but is kept: it still holds "
                                       "milestones that learners have progress on")
            else:
                stage.delete()
                report.count(report.deleted, "stages")

    progress_ensure_for_enrolments()
    progress_recompute_all()
    return report


def _remove_milestones(removed: dict[str, Milestone], report: LoadReport) -> None:
    if not removed:
        return
    ids = [m.pk for m in removed.values()]
    with_progress = dict(
        Progress.objects.filter(milestone_id__in=ids).values("milestone__slug").annotate(n=Count("id"))
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


def _sync_prerequisites(curriculum: Curriculum, milestones: dict[str, Milestone], kept: dict[str, Milestone],
                        report: LoadReport) -> None:
    through = Milestone.prerequisites.through
    wanted = {
        (milestones[m.slug].pk, milestones[p].pk) for m in curriculum.milestones for p in m.prerequisites
    }
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


def _sync_track_items(curriculum: Curriculum, tracks: dict[str, Track], milestones: dict[str, Milestone],
                      kept: dict[str, Milestone], report: LoadReport) -> None:
    file_tracks = {t.slug for t in curriculum.tracks}
    current = {
        (item.track_id, item.milestone_id): item
        for item in TrackMilestone.objects.filter(track__slug__in=file_tracks)
    }
    wanted: set[tuple[int, int]] = set()
    for data in curriculum.tracks:
        track = tracks[data.slug]
        for order, item_data in enumerate(data.items, start=1):
            key = (track.pk, milestones[item_data.slug].pk)
            wanted.add(key)
            item = current.get(key)
            if item is None:
                TrackMilestone.objects.create(track=track, milestone=milestones[item_data.slug],
                                              required=item_data.required, order=order)
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


# --- export --------------------------------------------------------------------------------------


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def curriculum_export(*, out: Path | str) -> list[Path]:
    """Write the database's curriculum in the file format curriculum_load reads; return the files written."""
    root = Path(out)
    (root / STAGES_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    prereqs: dict[int, list[str]] = {}
    for from_id, slug in Milestone.prerequisites.through.objects.order_by(
        "to_milestone__stage__order", "to_milestone__order", "to_milestone__slug"
    ).values_list("from_milestone_id", "to_milestone__slug"):
        prereqs.setdefault(from_id, []).append(slug)
    milestones_by_stage: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.prefetch_related("resources").order_by("stage_id", "order", "slug"):
        milestones_by_stage.setdefault(milestone.stage_id, []).append(milestone)

    for stage in Stage.objects.order_by("order", "slug"):
        doc = {
            "stage": {
                "slug": stage.slug, "order": stage.order,
                "title": {"en": stage.title_en, "zh": stage.title_zh},
                "summary": {"en": stage.summary_en, "zh": stage.summary_zh},
            },
            "milestones": [
                {
                    "slug": m.slug,
                    "title": {"en": m.title_en, "zh": m.title_zh},
                    "summary": {"en": m.summary_en, "zh": m.summary_zh},
                    "hours": _number(m.hours),
                    "completion": m.completion,
                    "prerequisites": prereqs.get(m.pk, []),
                    "topics": {"en": list(m.topics_en), "zh": list(m.topics_zh)},
                    "resources": [
                        {"title": r.title, "authors": r.authors, "kind": r.kind, "url": r.url}
                        for r in m.resources.all()
                    ],
                }
                for m in milestones_by_stage.get(stage.pk, [])
            ],
        }
        path = root / STAGES_DIR / f"{stage.order:02d}-{stage.slug}.yaml"
        _dump(path, doc)
        written.append(path)

    tracks_doc = {"tracks": [
        {
            "slug": t.slug, "role": t.role,
            "title": {"en": t.title_en, "zh": t.title_zh},
            "summary": {"en": t.summary_en, "zh": t.summary_zh},
            "milestones": [{"slug": i.milestone.slug, "required": i.required} for i in t.items.all()],
        }
        for t in Track.objects.prefetch_related("items__milestone").order_by("order", "slug")
    ]}
    _dump(root / TRACKS_FILE, tracks_doc)
    written.append(root / TRACKS_FILE)
    return written


class _Flow(dict):
    """A mapping written on one line, like the hand-written files: {en: ..., zh: ...}."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def _flow(doc: Any, key: str | None = None) -> Any:
    """Short mappings (titles, resources, track items) in flow style; the rest stays block style."""
    if isinstance(doc, list):
        return [_Flow(v) if isinstance(v, dict) and (key == "resources" or set(v) == {"slug", "required"})
                else _flow(v) for v in doc]
    if isinstance(doc, dict):
        out = {k: _flow(v, k) for k, v in doc.items()}
        return _Flow(out) if key == "title" else out
    return doc


def _dump(path: Path, doc: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(_flow(doc), fh, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
