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

from django.db import connection

from planner.curriculum_version import curriculum_version
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


# (the curriculum version's token, the graph read under it); one slot: the curriculum is one graph.
_kept: tuple[str, dict[int, Node]] | None = None


def curriculum_graph() -> dict[int, Node]:
    """Every milestone with its prerequisites' ids. Nearly every page and API read walks it, and it changes only
    when the curriculum does, so each process keeps the graph it read under the curriculum's version (one cache
    read, planner.curriculum_version) and reads it again once any write to a curriculum table has replaced the
    version. A read inside a transaction is not kept: its rows may yet be rolled back. Callers must not change the
    dict they are given."""
    global _kept
    token = curriculum_version().token
    kept = _kept
    if kept is not None and kept[0] == token:
        return kept[1]
    graph = _graph_read()
    if not connection.in_atomic_block:
        _kept = (token, graph)
    return graph


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
