"""Reading and validating the curriculum files into `Curriculum`; every problem is collected, then raised."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from planner.curriculum.graph import find_cycles, transitive_prerequisites
from planner.curriculum.recall import parse_recall
from planner.curriculum.schema import (
    COMPLETIONS,
    MAX_HOURS,
    MIN_HOURS,
    RESOURCE_KINDS,
    ROLES,
    SLUG_RE,
    STAGES_DIR,
    TRACKS_FILE,
    Curriculum,
    CurriculumError,
    MilestoneData,
    ResourceData,
    StageData,
    TrackData,
    TrackItemData,
)


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

    def texts(self, file: str, where: str, data: Any) -> dict[str, str]:
        """The title and summary that every stage, track and milestone has, in both languages."""
        title_en, title_zh = self.bilingual(file, where, data, "title")
        summary_en, summary_zh = self.bilingual(file, where, data, "summary")
        return {"title_en": title_en, "title_zh": title_zh, "summary_en": summary_en, "summary_zh": summary_zh}

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


def _topics(checker: _Checker, file: str, where: str, topics: Any) -> tuple[list[str], list[str]]:
    topics = topics or {}
    if not isinstance(topics, dict):
        checker.error(file, f"{where}: 'topics' must be a mapping with 'en' and 'zh' lists")
        topics = {}
    return (
        checker.string_list(file, where, topics.get("en"), "topics.en"),
        checker.string_list(file, where, topics.get("zh"), "topics.zh"),
    )


def _resources(checker: _Checker, file: str, where: str, raw_resources: Any) -> list[ResourceData]:
    resources: list[ResourceData] = []
    raw_resources = raw_resources or []
    if not isinstance(raw_resources, list):
        checker.error(file, f"{where}: 'resources' must be a list")
        raw_resources = []
    for r_index, res in enumerate(raw_resources, start=1):
        r_where = f"{where} resource #{r_index}"
        if not isinstance(res, dict):
            checker.error(file, f"{r_where} must be a mapping")
            continue
        resource = _resource(checker, file, r_where, res)
        if resource is not None:
            resources.append(resource)
    return resources


def _resource(checker: _Checker, file: str, where: str, res: dict[str, Any]) -> ResourceData | None:
    title, authors, kind, url = res.get("title"), res.get("authors") or "", res.get("kind"), res.get("url") or ""
    if not isinstance(title, str) or not title.strip() or len(title) > 300:
        checker.error(file, f"{where}: title is missing, empty or longer than 300 characters")
    if not isinstance(authors, str) or len(authors) > 300:
        checker.error(file, f"{where}: authors must be text of at most 300 characters")
    if kind not in RESOURCE_KINDS:
        checker.error(file, f"{where}: kind must be one of {', '.join(sorted(RESOURCE_KINDS))}, got {kind!r}")
    if not isinstance(url, str) or len(url) > 500:
        checker.error(file, f"{where}: url must be text of at most 500 characters")
    elif url:
        try:
            URLValidator()(url)
        except ValidationError:
            checker.error(file, f"{where}: url {url!r} is not a valid URL")
    if isinstance(title, str) and isinstance(authors, str) and isinstance(url, str):
        return ResourceData(title=title.strip(), authors=authors.strip(), kind=str(kind), url=url)
    return None


def _parse_milestone(checker: _Checker, file: str, stage_slug: str, index: int, raw: Any) -> MilestoneData | None:
    where = f"milestone #{index}"
    if not isinstance(raw, dict):
        checker.error(file, f"{where} must be a mapping")
        return None
    slug = checker.slug(file, where, raw.get("slug"))
    if slug:
        where = f"milestone '{slug}'"
    texts = checker.texts(file, where, raw)
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
    topics_en, topics_zh = _topics(checker, file, where, raw.get("topics"))
    resources = _resources(checker, file, where, raw.get("resources"))
    recall = parse_recall(checker.errors, file, where, raw.get("recall"))
    if slug is None:
        return None
    return MilestoneData(
        slug=slug,
        file=file,
        stage_slug=stage_slug,
        order=index,
        **texts,
        hours=hours,
        completion=str(completion),
        prerequisites=prerequisites,
        topics_en=topics_en,
        topics_zh=topics_zh,
        resources=resources,
        recall=recall,
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
    texts = checker.texts(file, where, raw)
    raw_milestones = data.get("milestones")
    if not isinstance(raw_milestones, list):
        checker.error(file, f"{where}: 'milestones' must be a list")
        raw_milestones = []
    stage = StageData(
        slug=slug or "",
        file=file,
        order=order,
        **texts,
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
        texts = checker.texts(file, where, raw)
        track = TrackData(
            slug=slug or "",
            file=file,
            order=index,
            role=str(role),
            **texts,
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


def _check_stages(checker: _Checker, curriculum: Curriculum) -> None:
    stage_files: dict[str, str] = {}
    stage_orders: dict[int, str] = {}
    for stage in curriculum.stages:
        if stage.slug in stage_files:
            checker.error(stage.file, f"duplicate stage slug '{stage.slug}' (also in {stage_files[stage.slug]})")
        else:
            stage_files[stage.slug] = stage.file
        if stage.order in stage_orders:
            checker.error(
                stage.file,
                f"stage '{stage.slug}': order {stage.order} is also used by stage '{stage_orders[stage.order]}'",
            )
        else:
            stage_orders[stage.order] = stage.slug


def _check_milestones(checker: _Checker, curriculum: Curriculum) -> dict[str, MilestoneData]:
    by_slug: dict[str, MilestoneData] = {}
    for milestone in curriculum.milestones:
        if milestone.slug in by_slug:
            checker.error(
                milestone.file, f"duplicate milestone slug '{milestone.slug}' (also in {by_slug[milestone.slug].file})"
            )
        else:
            by_slug[milestone.slug] = milestone
    for milestone in curriculum.milestones:
        for prereq in milestone.prerequisites:
            if prereq not in by_slug:
                checker.error(milestone.file, f"milestone '{milestone.slug}': unknown prerequisite '{prereq}'")
    return by_slug


def _check_tracks(checker: _Checker, curriculum: Curriculum, by_slug: dict[str, MilestoneData]) -> None:
    track_slugs: set[str] = set()
    for track in curriculum.tracks:
        if track.slug in track_slugs:
            checker.error(track.file, f"duplicate track slug '{track.slug}'")
        track_slugs.add(track.slug)
        for item in track.items:
            if item.slug not in by_slug:
                checker.error(track.file, f"track '{track.slug}': unknown milestone '{item.slug}'")


def _validate_references(checker: _Checker, curriculum: Curriculum, tracks_file: str) -> None:
    _check_stages(checker, curriculum)
    by_slug = _check_milestones(checker, curriculum)
    _check_tracks(checker, curriculum, by_slug)
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
                checker.error(
                    track.file,
                    f"track '{track.slug}': required milestone '{item.slug}' needs "
                    f"prerequisites that are not in the track: {', '.join(missing)}",
                )


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
