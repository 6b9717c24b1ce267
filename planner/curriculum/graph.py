"""Slug-graph helpers for validating the files (a -> b: milestone a needs b).

The live graph over database ids is `planner.services.graph`; this one runs before anything is in the
database, on slugs, and has to report cycles rather than tolerate them.
"""

from __future__ import annotations

from collections.abc import Iterable


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
                cycle = path[path.index(child) :]
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
