"""The parsed curriculum: constants the files are checked against, the error type, and plain dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from planner.models import Completion, Resource, Track

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
    recall: list[dict[str, dict[str, str]]] = field(default_factory=list)


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
