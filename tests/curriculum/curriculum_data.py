"""Reading the curriculum's data files (curriculum/stages/*.yaml, curriculum/tracks.yaml) and the prerequisite graph
they make: what the content tests share. Plain YAML, no Django."""

import re
from functools import cache
from pathlib import Path

import yaml

CURRICULUM_DIR = Path(__file__).resolve().parents[2] / "curriculum"
STAGES_DIR = CURRICULUM_DIR / "stages"
TRACKS_FILE = CURRICULUM_DIR / "tracks.yaml"
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@cache  # parsed once per run; tests only read the data
def load_stage_files() -> list[tuple[Path, dict]]:
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(STAGES_DIR.glob("*.yaml"))]


@cache
def load_tracks() -> list[dict]:
    return yaml.safe_load(TRACKS_FILE.read_text(encoding="utf-8"))["tracks"]


def all_milestones() -> list[tuple[str, dict]]:
    """(stage slug, milestone) for every milestone in every stage file, duplicates kept."""
    return [(data["stage"]["slug"], m) for _, data in load_stage_files() for m in data["milestones"]]


def milestones_by_slug() -> dict[str, dict]:
    return {m["slug"]: m for _, m in all_milestones()}


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """A cycle in slug -> prerequisites as a list of slugs (first == last), or None."""
    visiting, done = set(), set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in visiting:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        visiting.add(node)
        for prerequisite in graph.get(node, []):
            cycle = visit(prerequisite, [*path, node])
            if cycle:
                return cycle
        visiting.discard(node)
        done.add(node)
        return None

    for start in graph:
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def transitive_prerequisites(graph: dict[str, list[str]], slug: str) -> set[str]:
    seen: set[str] = set()
    stack = list(graph[slug])
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(graph[current])
    return seen


def track_closure_violations(track: dict, graph: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(required milestone, prerequisite) pairs whose prerequisite is not required in the track."""
    required = {item["slug"] for item in track["milestones"] if item["required"]}
    return sorted(
        (slug, prerequisite)
        for slug in required
        for prerequisite in transitive_prerequisites(graph, slug)
        if prerequisite not in required
    )


def prerequisite_graph() -> dict[str, list[str]]:
    return {slug: m["prerequisites"] for slug, m in milestones_by_slug().items()}
