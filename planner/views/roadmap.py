"""The roadmap drawn as a server-side SVG: stages as columns, milestones as nodes coloured by state,
prerequisite arrows, every node a link to its milestone page with a <title> for assistive technology."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planner import selectors
from planner.models import ProgressState
from planner.services.graph import Node
from planner.views.common import is_zh

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


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` columns (a CJK character counts two)."""

    def cols(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    lines: list[str] = []
    current = ""
    tokens = text.split(" ") if not any(ord(ch) > 0x2E80 for ch in text) else list(text)
    sep = " " if len(tokens) > 1 and tokens != list(text) else ""
    for token in tokens:
        candidate = f"{current}{sep}{token}" if current else token
        if cols(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = token
        if len(lines) == 2:
            break
    if len(lines) < 2 and current:
        lines.append(current)
    if len(lines) == 2 and cols(" ".join(lines).replace(" ", "")) < cols(text.replace(" ", "")):
        last = lines[1]
        while last and cols(last) > width - 1:
            last = last[:-1]
        lines[1] = last.rstrip() + "…"
    return [line for line in lines if line]


def roadmap_svg(*, graph: dict[int, Node], scope: set[int], states: dict[int, str], link: bool = True) -> SafeString:
    """The roadmap as an SVG: one column per stage, one node per milestone coloured by state, arrows from
    each prerequisite to its dependant; every node links to its milestone page and carries a <title>."""
    stage_orders = sorted({graph[i].stage_order for i in scope})
    columns: dict[int, list[Node]] = {order: [] for order in stage_orders}
    for i in scope:
        columns[graph[i].stage_order].append(graph[i])
    for nodes in columns.values():
        nodes.sort(key=lambda n: n.sort_key)
    stage_titles = {s.order: s.title for s in selectors.stage_list()}
    pos: dict[int, tuple[float, float]] = {}
    for col, order in enumerate(stage_orders):
        for row, node in enumerate(columns[order]):
            pos[node.id] = (PAD + col * (NODE_W + COL_GAP), HEAD_H + row * (NODE_H + ROW_GAP))
    width = PAD * 2 + len(stage_orders) * (NODE_W + COL_GAP) - COL_GAP
    rows = max((len(nodes) for nodes in columns.values()), default=0)
    height = HEAD_H + rows * (NODE_H + ROW_GAP) + PAD
    label = _("Roadmap: %(count)s milestones in %(stages)s stages") % {"count": len(scope),
                                                                      "stages": len(stage_orders)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="roadmap-title" class="roadmap-svg">',
        f'<title id="roadmap-title">{escape(label)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7b8591"/></marker></defs>',
    ]
    for col, order in enumerate(stage_orders):
        x = PAD + col * (NODE_W + COL_GAP)
        title = stage_titles.get(order, "")
        number = _("Stage %(n)s") % {"n": order}
        out.append(f'<text x="{x}" y="16" class="stage-number" font-size="12" fill="#59626e">{escape(number)}</text>')
        for n, line in enumerate(_wrap(title, 26)):
            out.append(f'<text x="{x}" y="{31 + n * 13}" font-size="12" font-weight="600" fill="#1d232b">'
                       f'{escape(line)}</text>')
    out.append('<g class="edges" fill="none" stroke="#7b8591" stroke-width="1.2">')
    for i in sorted(scope):
        for p in graph[i].prerequisites:
            if p not in pos:
                continue
            (x1, y1), (x2, y2) = pos[p], pos[i]
            ends = f'data-from="{escape(graph[p].slug)}" data-to="{escape(graph[i].slug)}"'
            if x1 == x2:  # same stage: a bow on the right side of the column
                sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2 + NODE_W, y2 + NODE_H / 2
                bow = sx + 18 + min(abs(ey - sy) / 6, 14)
                out.append(f'<path d="M{sx},{sy} C{bow},{sy} {bow},{ey} {ex + 2},{ey}" marker-end="url(#arrow)" '
                           f'stroke-opacity="0.5" {ends}/>')
            else:
                sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2 - 2, y2 + NODE_H / 2
                near = x2 - x1 <= NODE_W + COL_GAP
                mid = (sx + ex) / 2 if near else ex - COL_GAP / 2
                # Edges that jump stages are drawn fainter so the stage-to-stage flow stays readable.
                out.append(f'<path d="M{sx},{sy} C{mid},{sy} {mid},{ey} {ex},{ey}" marker-end="url(#arrow)" '
                           f'stroke-opacity="{0.6 if near else 0.22}" {ends}/>')
    out.append("</g>")
    state_labels = dict(ProgressState.choices)
    for i in sorted(scope, key=lambda i: graph[i].sort_key):
        node = graph[i]
        x, y = pos[i]
        state = states.get(i, ProgressState.LOCKED)
        fill, stroke = STATE_COLOURS.get(state, STATE_COLOURS[ProgressState.LOCKED])
        title = node.title_zh if is_zh() else node.title_en
        tooltip = f"{title}: {state_labels.get(state, state)} · {node.hours} h"
        lines = _wrap(title, 22)
        href = reverse("milestone-detail", args=[node.slug])
        out.append(f'<a href="{href}" class="node state-{state}" data-slug="{escape(node.slug)}">' if link else
                   f'<g class="node state-{state}" data-slug="{escape(node.slug)}">')
        out.append(f"<title>{escape(tooltip)}</title>")
        out.append(f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
                   f'stroke="{stroke}" stroke-width="{2.5 if state == ProgressState.IN_PROGRESS else 1.5}"/>')
        out.append(f'<text x="{x + 7}" y="{y + NODE_H / 2 + 4}" font-size="12" fill="{stroke}" font-weight="700">'
                   f"{STATE_SYMBOLS.get(state, '')}</text>")
        top = y + (17 if len(lines) > 1 else 24)
        for n, line in enumerate(lines):
            out.append(f'<text x="{x + 22}" y="{top + n * 14}" font-size="11.5" fill="#1d232b">{escape(line)}</text>')
        out.append("</a>" if link else "</g>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated text above is escaped
