"""schedule_compute's scope in plan order is remembered per selection while the graph is the same object: the answer
is the one a fresh walk gives, a different graph is walked again, and a caller changing its list changes nothing."""

from __future__ import annotations

from decimal import Decimal

from planner.services.graph import Node, topological, with_prerequisites
from planner.services.schedule import _scope_in_order


def node(i: int, *prerequisites: int, order: int = 0) -> Node:
    return Node(i, f"m{i}", f"M{i}", f"M{i}", Decimal(1), "self", 1, "s", 1, order or i, prerequisites)


def test_the_remembered_order_is_the_walks_and_follows_a_new_graph():
    graph = {1: node(1), 2: node(2, 1), 3: node(3, 2), 4: node(4)}
    ids, order = _scope_in_order(graph, (3,))
    assert ids == with_prerequisites(graph, [3]) == {1, 2, 3}
    assert order == topological(graph, ids)
    order.clear()  # the caller's own list
    again_ids, again = _scope_in_order(graph, (3,))
    assert again_ids is ids and [n.id for n in again] == [1, 2, 3]
    changed = {**graph, 3: node(3, 4)}  # the curriculum changed: another graph object
    ids, order = _scope_in_order(changed, (3,))
    assert ids == {3, 4} and [n.id for n in order] == [4, 3]


def test_selections_are_told_apart():
    graph = {1: node(1), 2: node(2, 1, order=9), 3: node(3, order=5)}
    assert [n.id for n in _scope_in_order(graph, (2, 3))[1]] == [1, 3, 2]
    assert [n.id for n in _scope_in_order(graph, (3,))[1]] == [3]
