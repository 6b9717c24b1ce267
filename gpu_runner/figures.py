"""A matplotlib chart as plain data, so a grader can judge a chart without looking at its pixels.

A learner's function may return a `matplotlib.figure.Figure` (or one of its `Axes`); the codec turns it into
the dict below inside the sandbox, and only that dict crosses the boundary. matplotlib is looked up in
`sys.modules`, never imported: only code that has already drawn a chart can return one.

    {"figure": "matplotlib", "axes": [
        {"title", "xlabel", "ylabel": str, "xscale", "yscale": "linear" | "log" | ...,
         "legend": [label, ...] or None,
         "lines":  [{"label", "x": [float], "y": [float]}],           # Line2D drawn with a line style
         "points": [{"label", "x": [float], "y": [float]}],           # scatter(), or plot() with markers only
         "bars":   [{"label", "orientation": "vertical" | "horizontal",
                     "x": [left], "width": [..], "y": [bottom], "height": [..],
                     "categories": [tick label at each bar's centre, or None]}]}]}

Labels that matplotlib makes up for unlabelled artists ("_child0", "_nolegend_") come back as "".
Dependencies: the standard library, numpy (the codec's own), so the file can be bound into the sandbox.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

KIND = "matplotlib"
NO_LINE = ("None", "none", "", " ")


def figure_as_data(value: Any) -> dict[str, Any] | None:
    """The chart description of a Figure or Axes; None when `value` is neither (or matplotlib is not loaded)."""
    figure_module, axes_module = sys.modules.get("matplotlib.figure"), sys.modules.get("matplotlib.axes")
    if figure_module is None or axes_module is None:
        return None
    if isinstance(value, axes_module.Axes):
        value = value.get_figure(root=True)
    if not isinstance(value, figure_module.FigureBase):
        return None
    return {"figure": KIND, "axes": [_axes(ax) for ax in value.get_axes()]}


def _label(artist: Any) -> str:
    label = artist.get_label()
    return "" if not isinstance(label, str) or label.startswith("_") else label


def _floats(values: Any) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=float).ravel()]


def _axes(ax: Any) -> dict[str, Any]:
    legend = ax.get_legend()
    lines, points = [], []
    for line in ax.get_lines():
        xy = np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2)
        entry = {"label": _label(line), "x": _floats(xy[:, 0]), "y": _floats(xy[:, 1])}
        (points if line.get_linestyle() in NO_LINE else lines).append(entry)
    for collection in ax.collections:
        offsets = np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)
        if len(offsets):
            points.append({"label": _label(collection), "x": _floats(offsets[:, 0]), "y": _floats(offsets[:, 1])})
    return {
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "xscale": ax.get_xscale(),
        "yscale": ax.get_yscale(),
        "legend": None if legend is None else [text.get_text() for text in legend.get_texts()],
        "lines": lines,
        "points": points,
        "bars": [_bars(ax, container) for container in ax.containers if hasattr(container, "orientation")],
    }


def _bars(ax: Any, container: Any) -> dict[str, Any]:
    rects = list(container.patches)
    x, width = [float(r.get_x()) for r in rects], [float(r.get_width()) for r in rects]
    y, height = [float(r.get_y()) for r in rects], [float(r.get_height()) for r in rects]
    horizontal = container.orientation == "horizontal"
    centres = [b + h / 2 for b, h in zip(y, height)] if horizontal else [a + w / 2 for a, w in zip(x, width)]
    return {
        "label": _label(container),
        "orientation": "horizontal" if horizontal else "vertical",
        "x": x,
        "width": width,
        "y": y,
        "height": height,
        "categories": _tick_labels(ax.yaxis if horizontal else ax.xaxis, centres),
    }


def _tick_labels(axis: Any, centres: list[float]) -> list[str | None]:
    """The tick label at each centre (categorical axes and set_xticks(..., labels) alike); None where none is."""
    ticks = [float(t) for t in axis.get_ticklocs()]
    texts = [label.get_text() for label in axis.get_ticklabels()]
    if len(texts) != len(ticks) or not any(texts):
        texts = list(axis.get_major_formatter().format_ticks(ticks))
    found = {round(tick, 9): text for tick, text in zip(ticks, texts)}
    return [found.get(round(centre, 9)) for centre in centres]
