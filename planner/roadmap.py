"""The roadmap's layout: stages as columns, milestones as nodes coloured by state, prerequisite arrows.

Pure geometry and labels (no queries, no markup); templates/planner/_roadmap.svg draws it, through the
`{% roadmap %}` tag (planner.templatetags.roadmap).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from config.i18n import field as in_language
from planner.models import ProgressState
from planner.services.graph import Node

STATE_SYMBOLS = {
    ProgressState.LOCKED: "–",
    ProgressState.AVAILABLE: "○",
    ProgressState.IN_PROGRESS: "◐",
    ProgressState.DONE: "✓",
    ProgressState.SKIPPED: "↷",
}
# Fill and border of roadmap nodes; text stays dark on the light fills (contrast above 7:1).
STATE_COLOURS = {
    ProgressState.LOCKED: ("#eef0f3", "#7b8591"),
    ProgressState.AVAILABLE: ("#e3edfb", "#1f5fbf"),
    ProgressState.IN_PROGRESS: ("#fdf0d5", "#8a5a00"),
    ProgressState.DONE: ("#dff1e5", "#1d7a3d"),
    ProgressState.SKIPPED: ("#ece6f6", "#6b4fa3"),
}
NODE_W, NODE_H, COL_GAP, ROW_GAP, HEAD_H, PAD = 168, 40, 44, 12, 46, 10
# Part of every cached drawing's key: change it with the layout or templates/planner/_roadmap.svg.
DRAWING_VERSION = 1


def _n(value: float) -> str:
    """A coordinate as SVG reads it: no trailing ".0", at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _cols(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` columns (a CJK character counts two); an ellipsis when cut."""
    cjk = any(ord(ch) > 0x2E80 for ch in text)
    tokens = list(text) if cjk else text.split(" ")
    sep = "" if cjk or len(tokens) <= 1 else " "
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current}{sep}{token}" if current else token
        if _cols(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = token
        if len(lines) == 2:
            break
    if len(lines) < 2 and current:
        lines.append(current)
    if len(lines) == 2 and _cols(" ".join(lines).replace(" ", "")) < _cols(text.replace(" ", "")):
        last = lines[1]
        while last and _cols(last) > width - 1:
            last = last[:-1]
        lines[1] = last.rstrip() + "…"
    return [line for line in lines if line]


@dataclass(frozen=True)
class Text:
    x: str
    y: str
    text: str


@dataclass(frozen=True)
class StageHead:
    number: Text
    title: list[Text]


@dataclass(frozen=True)
class Edge:
    d: str
    opacity: str
    source: str
    target: str


@dataclass(frozen=True)
class NodeBox:
    slug: str
    state: str
    tooltip: str
    x: str
    y: str
    fill: str
    stroke: str
    stroke_width: str
    symbol: Text
    lines: list[Text]
    # Done, but its spaced review says it is being forgotten (learning's retrievability): drawn dashed.
    fading: bool = False


@dataclass
class Roadmap:
    width: int
    height: int
    label: str
    stages: list[StageHead] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    nodes: list[NodeBox] = field(default_factory=list)


def _edge(graph: dict[int, Node], p: int, i: int, pos: dict[int, tuple[int, int]]) -> Edge:
    (x1, y1), (x2, y2) = pos[p], pos[i]
    sy, ey = y1 + NODE_H / 2, y2 + NODE_H / 2
    if x1 == x2:  # same stage: a bow on the right side of the column
        sx, ex = x1 + NODE_W, x2 + NODE_W
        bow = sx + 18 + min(abs(ey - sy) / 6, 14)
        d = f"M{_n(sx)},{_n(sy)} C{_n(bow)},{_n(sy)} {_n(bow)},{_n(ey)} {_n(ex + 2)},{_n(ey)}"
        opacity = "0.5"
    else:
        sx, ex = x1 + NODE_W, x2 - 2
        near = x2 - x1 <= NODE_W + COL_GAP
        mid = (sx + ex) / 2 if near else ex - COL_GAP / 2
        d = f"M{_n(sx)},{_n(sy)} C{_n(mid)},{_n(sy)} {_n(mid)},{_n(ey)} {_n(ex)},{_n(ey)}"
        # Edges that jump stages are drawn fainter so the stage-to-stage flow stays readable.
        opacity = "0.6" if near else "0.22"
    return Edge(d=d, opacity=opacity, source=graph[p].slug, target=graph[i].slug)


def _node(node: Node, x: int, y: int, state: str, fading: bool = False) -> NodeBox:
    fill, stroke = STATE_COLOURS.get(state, STATE_COLOURS[ProgressState.LOCKED])
    title = in_language(node, "title")
    lines = wrap(title, 22)
    top = y + (17 if len(lines) > 1 else 24)
    return NodeBox(
        slug=node.slug,
        state=state,
        tooltip=f"{title}: {dict(ProgressState.choices).get(state, state)} · {node.hours} h"
        + (" · " + _("fading: review it") if fading else ""),
        x=_n(x),
        y=_n(y),
        fill=fill,
        stroke=stroke,
        stroke_width="2.5" if state == ProgressState.IN_PROGRESS else "1.5",
        symbol=Text(_n(x + 7), _n(y + NODE_H / 2 + 4), STATE_SYMBOLS.get(state, "")),
        lines=[Text(_n(x + 22), _n(top + n * 14), line) for n, line in enumerate(lines)],
        fading=fading,
    )


def roadmap_layout(
    *,
    graph: dict[int, Node],
    scope: set[int],
    states: dict[int, str],
    stage_titles: dict[int, str],
    fading: set[int] | frozenset[int] = frozenset(),
) -> Roadmap:
    """One column per stage (by stage order), nodes in curriculum order; `stage_titles`: stage order -> title;
    `fading`: done milestones to flag as fading (their review is overdue)."""
    stage_orders = sorted({graph[i].stage_order for i in scope})
    columns: dict[int, list[Node]] = {order: [] for order in stage_orders}
    for i in scope:
        columns[graph[i].stage_order].append(graph[i])
    pos: dict[int, tuple[int, int]] = {}
    for col, order in enumerate(stage_orders):
        for row, node in enumerate(sorted(columns[order], key=lambda n: n.sort_key)):
            pos[node.id] = (PAD + col * (NODE_W + COL_GAP), HEAD_H + row * (NODE_H + ROW_GAP))
    rows = max((len(nodes) for nodes in columns.values()), default=0)
    label = _("Roadmap: %(count)s milestones in %(stages)s stages") % {"count": len(scope), "stages": len(stage_orders)}
    roadmap = Roadmap(
        width=PAD * 2 + len(stage_orders) * (NODE_W + COL_GAP) - COL_GAP,
        height=HEAD_H + rows * (NODE_H + ROW_GAP) + PAD,
        label=label,
    )
    for col, order in enumerate(stage_orders):
        x = _n(PAD + col * (NODE_W + COL_GAP))
        title = wrap(stage_titles.get(order, ""), 26)
        number = Text(x, "16", _("Stage %(n)s") % {"n": order})
        roadmap.stages.append(StageHead(number, [Text(x, str(31 + n * 13), line) for n, line in enumerate(title)]))
    roadmap.edges = [_edge(graph, p, i, pos) for i in sorted(scope) for p in graph[i].prerequisites if p in pos]
    for i in sorted(scope, key=lambda i: graph[i].sort_key):
        roadmap.nodes.append(_node(graph[i], *pos[i], states.get(i, ProgressState.LOCKED), i in fading))
    return roadmap


def roadmap_fingerprint(
    *, graph: dict[int, Node], scope: set[int], states: dict[int, str], stage_titles: dict[int, str], context: Hashable
) -> str:
    """A digest of everything roadmap_layout and the template draw from: equal digests, equal drawings. `context`:
    what else the drawing depends on (the language its labels are in, the URL prefix, whether nodes link)."""
    nodes = tuple(
        (n.id, n.slug, n.title_en, n.title_zh, str(n.hours), n.stage_order, n.order, n.prerequisites, states.get(i))
        for i in sorted(scope)
        for n in (graph[i],)
    )
    orders = {graph[i].stage_order for i in scope}
    titles = tuple(sorted((order, title) for order, title in stage_titles.items() if order in orders))
    return hashlib.sha256(repr((DRAWING_VERSION, context, nodes, titles)).encode()).hexdigest()[:32]
