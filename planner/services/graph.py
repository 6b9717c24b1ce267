"""The curriculum as an in-memory graph: read in one query, walked in Python, kept in each process's memory until the
curriculum's version changes.

The curriculum is small (about a hundred milestones) and shared by every learner, so loading it whole
is cheaper and simpler than walking prerequisites through the ORM one level at a time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from planner.curriculum_version import curriculum_kept
from planner.models import Milestone


@dataclass(frozen=True)
class Node:
    id: int
    slug: str
    title_en: str
    title_zh: str
    hours: Decimal
    completion: str
    stage_id: int
    stage_slug: str
    stage_order: int
    order: int
    prerequisites: tuple[int, ...]

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.stage_order, self.order, self.slug)


def curriculum_graph() -> dict[int, Node]:
    """Every milestone with its prerequisites' ids. Nearly every page and API read walks it, so each process keeps
    the graph until the curriculum changes (planner.curriculum_version.curriculum_kept). Callers must not change
    the dict they are given."""
    return curriculum_kept("graph", _graph_read)


def _graph_read() -> dict[int, Node]:
    """One query: the prerequisites come through a LEFT JOIN, one row per (milestone, prerequisite) and one with
    NULL for a milestone that has none."""
    rows = Milestone.objects.order_by().values_list(
        "id",
        "slug",
        "title_en",
        "title_zh",
        "hours",
        "completion",
        "stage_id",
        "stage__slug",
        "stage__order",
        "order",
        "prerequisites",
    )
    fields: dict[int, tuple] = {}
    prereqs: dict[int, list[int]] = {}
    for *row, prerequisite in rows:
        fields.setdefault(row[0], tuple(row))
        if prerequisite is not None:
            prereqs.setdefault(row[0], []).append(prerequisite)
    return {
        i: Node(*row, prerequisites=tuple(sorted(prereqs.get(i, ()))))  # type: ignore[call-arg]
        for i, row in fields.items()
    }


def with_prerequisites(graph: dict[int, Node], ids: Iterable[int]) -> set[int]:
    """`ids` plus every transitive prerequisite."""
    out = set()
    todo = [i for i in ids if i in graph]
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.add(current)
        todo.extend(graph[current].prerequisites)
    return out


def topological(graph: dict[int, Node], ids: Iterable[int]) -> list[Node]:
    """Prerequisites first; among milestones that are ready at the same time, by stage, then order in the stage.

    Edges to milestones outside `ids` are ignored (they are satisfied or out of scope).
    """
    scope = set(ids)
    indegree = {i: 0 for i in scope}
    dependants: dict[int, list[int]] = {}
    for i in scope:
        for p in graph[i].prerequisites:
            if p in scope:
                indegree[i] += 1
                dependants.setdefault(p, []).append(i)
    heap = [(graph[i].sort_key, i) for i, n in indegree.items() if n == 0]
    heapq.heapify(heap)
    out: list[Node] = []
    while heap:
        _, current = heapq.heappop(heap)
        out.append(graph[current])
        for d in dependants.get(current, ()):
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, (graph[d].sort_key, d))
    if len(out) != len(scope):  # a cycle slipped past the loader: keep every milestone, in stage order
        placed = {n.id for n in out}
        out.extend(sorted((graph[i] for i in scope - placed), key=lambda n: n.sort_key))
    return out
