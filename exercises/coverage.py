"""How much of the curriculum the exercise bank grades: the ratchet of PROTOCOL contract 4 and the coverage
table of issue 10 (`manage.py bank_coverage`, included in BENCHMARKS.md by `scripts/bench_coverage.py`).

Read from the files, not the database: the curriculum folder and the exercise bank, so the figures are those
of the repository whatever a database holds. A milestone counts as graded when the bank has a *required*
exercise tied to it (an optional one does not gate the milestone: `milestone_exercises_passed`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from gpu_runner.spec import KINDS
from planner.curriculum import Curriculum


@dataclass(frozen=True)
class TrackCoverage:
    slug: str
    title: str
    required: list[str]
    graded: list[str]


@dataclass(frozen=True)
class StageCoverage:
    slug: str
    title: str
    milestones: int
    graded: int
    kinds: Counter = field(default_factory=Counter)  # exercises per kind

    @property
    def exercises(self) -> int:
        return sum(self.kinds.values())


@dataclass(frozen=True)
class Coverage:
    tracks: list[TrackCoverage]
    stages: list[StageCoverage]
    required: list[str]  # required in at least one track
    graded: list[str]  # milestones with a required exercise in the bank
    unknown_milestones: dict[str, str]  # exercise slug -> a milestone the curriculum does not have

    @property
    def ungraded_required(self) -> list[str]:
        graded = set(self.graded)
        return sorted(slug for slug in self.required if slug not in graded)

    @property
    def exercises(self) -> int:
        return sum(stage.exercises for stage in self.stages)


def coverage_compute(*, curriculum: Curriculum, exercises: list[Any]) -> Coverage:
    """`exercises`: gpu_runner.bank Exercise objects (anything with slug, milestone, kind and required)."""
    stage_of = {m.slug: s.slug for s in curriculum.stages for m in s.milestones}
    graded = sorted({e.milestone for e in exercises if e.required and e.milestone in stage_of})
    graded_set = set(graded)
    tracks = [
        TrackCoverage(
            slug=track.slug,
            title=track.title_en,
            required=[item.slug for item in track.items if item.required],
            graded=[item.slug for item in track.items if item.required and item.slug in graded_set],
        )
        for track in curriculum.tracks
    ]
    kinds: dict[str, Counter] = {stage.slug: Counter() for stage in curriculum.stages}
    for exercise in exercises:
        if exercise.milestone in stage_of:
            kinds[stage_of[exercise.milestone]][exercise.kind] += 1
    stages = [
        StageCoverage(
            slug=stage.slug,
            title=stage.title_en,
            milestones=len(stage.milestones),
            graded=sum(1 for m in stage.milestones if m.slug in graded_set),
            kinds=kinds[stage.slug],
        )
        for stage in curriculum.stages
    ]
    required = sorted({slug for track in tracks for slug in track.required})
    unknown = {e.slug: e.milestone for e in exercises if e.milestone not in stage_of}
    return Coverage(tracks=tracks, stages=stages, required=required, graded=graded, unknown_milestones=unknown)


def coverage_markdown(coverage: Coverage) -> str:
    """The report as Markdown tables (BENCHMARKS.md's section)."""
    kinds = [kind for kind in (*KINDS, *sorted({k for s in coverage.stages for k in s.kinds} - set(KINDS)))]
    required_graded = len(set(coverage.required) & set(coverage.graded))
    lines = [
        "## Exercise bank coverage (`manage.py bank_coverage`)",
        "",
        f"{coverage.exercises} exercises; {required_graded} of the {len(coverage.required)} milestones required in"
        f" some track have a graded (required) exercise, {len(coverage.ungraded_required)} have none yet.",
        "",
        "| Track | Required milestones graded | Share |",
        "|---|---:|---:|",
    ]
    for track in coverage.tracks:
        share = len(track.graded) / len(track.required) if track.required else 1.0
        lines.append(f"| {track.slug} | {len(track.graded)} / {len(track.required)} | {share:.0%} |")
    lines += [
        "",
        f"| Stage | Milestones graded | Exercises | {' | '.join(kinds)} |",
        f"|---|---:|---:|{'---:|' * len(kinds)}",
    ]
    for stage in coverage.stages:
        counts = " | ".join(str(stage.kinds.get(kind, 0)) for kind in kinds)
        lines.append(f"| {stage.slug} | {stage.graded} / {stage.milestones} | {stage.exercises} | {counts} |")
    totals = " | ".join(str(sum(s.kinds.get(kind, 0) for s in coverage.stages)) for kind in kinds)
    graded = sum(s.graded for s in coverage.stages)
    milestones = sum(s.milestones for s in coverage.stages)
    lines.append(f"| **all** | {graded} / {milestones} | {coverage.exercises} | {totals} |")
    if coverage.unknown_milestones:
        lines += ["", "Exercises tied to a milestone the curriculum does not have:"]
        lines += [f"- `{slug}` → `{milestone}`" for slug, milestone in sorted(coverage.unknown_milestones.items())]
    return "\n".join(lines) + "\n"
