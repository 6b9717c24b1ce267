"""The curriculum files (curriculum/stages/*.yaml + tracks.yaml): parse, validate, load, export.

Format: curriculum/README.md (stages/NN-<slug>.yaml, one stage each, and tracks.yaml).

Loading is all-or-nothing: every file is parsed and every rule checked before the database is touched,
and then everything is written in one transaction. Errors name the file and the slugs involved.

- `schema`: the constants the files are checked against, `CurriculumError` and the parsed dataclasses;
- `parse`: `curriculum_parse` reads a folder and collects every problem (error messages live there);
- `graph`: cycle detection and prerequisite closure over slugs, used by the validation;
- `load`: `curriculum_load` writes a parsed curriculum (the reload policy is in its docstring);
- `export`: `curriculum_export` writes the database back out in the same format.

Import from here (`from planner.curriculum import curriculum_parse`); the submodules are the layout.
"""

from planner.curriculum.export import curriculum_export
from planner.curriculum.graph import find_cycles, transitive_prerequisites
from planner.curriculum.load import LoadReport, curriculum_load
from planner.curriculum.parse import curriculum_parse
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

__all__ = [
    "COMPLETIONS",
    "MAX_HOURS",
    "MIN_HOURS",
    "RESOURCE_KINDS",
    "ROLES",
    "SLUG_RE",
    "STAGES_DIR",
    "TRACKS_FILE",
    "Curriculum",
    "CurriculumError",
    "LoadReport",
    "MilestoneData",
    "ResourceData",
    "StageData",
    "TrackData",
    "TrackItemData",
    "curriculum_export",
    "curriculum_load",
    "curriculum_parse",
    "find_cycles",
    "transitive_prerequisites",
]
