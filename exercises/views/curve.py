"""The learning curve of a fine-tuning run (loss and the evaluation metric by step) as a server-side SVG."""

from __future__ import annotations

import math
import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 270, 52, 52, 34, 36
LOSS_COLOUR, METRIC_COLOUR = "#1f5fbf", "#1d7a3d"


def _series(points: list[dict[str, Any]]) -> tuple[list[tuple[Any, float]], list[tuple[Any, float]]]:
    """(step, loss) and (step, metric) pairs of a learning curve; values that are not finite numbers are left out."""
    loss = [
        (p["step"], p["loss"]) for p in points if isinstance(p.get("loss"), (int, float)) and math.isfinite(p["loss"])
    ]
    metric = [
        (p["step"], p.get("eval_metric", p.get("metric")))
        for p in points
        if isinstance(p.get("eval_metric", p.get("metric")), (int, float))
    ]
    return loss, metric


# Scores that live in [0, 1] (the adjusted Rand index in [-1, 1]): their axis never leaves that range.
_UNIT_SCORE = re.compile(r"(?:^|_)(accuracy|acc|f1|precision|recall|auc|exact_match|iou|ari)(?:_|$)")
_NON_NEGATIVE = re.compile(r"(?:^|_)(loss|perplexity|ppl|ratio|mse|mae|rmse)(?:_|$)")


def metric_bounds(name: str) -> tuple[float | None, float | None]:
    """The range a metric's values can take, from its name: (lower, upper), None where unbounded."""
    match = _UNIT_SCORE.search(name.lower())
    if match:
        return (-1.0 if match.group(1) == "ari" else 0.0), 1.0
    return (0.0, None) if _NON_NEGATIVE.search(name.lower()) else (None, None)


def _scale(values: list[float], bounds: tuple[float | None, float | None] = (None, None)) -> tuple[float, float]:
    """The axis for these values: a bounded score gets whole tenths inside its range (0.837 alone: 0.8-0.9, not
    0.337-1.34); anything else its own span (padded when flat), never below a lower bound the values respect."""
    lo, hi = min(values), max(values)
    b_lo, b_hi = bounds
    if b_lo is not None and b_hi is not None and b_lo <= lo and hi <= b_hi:
        lo, hi = max(b_lo, math.floor(lo * 10 + 1e-9) / 10), min(b_hi, math.ceil(hi * 10 - 1e-9) / 10)
        if hi - lo < 0.1 - 1e-9:
            hi = min(b_hi, lo + 0.1)
            lo = hi - 0.1
        return round(lo, 10), round(hi, 10)
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5, hi + 0.5
    if b_lo is not None and min(values) >= b_lo:
        lo = max(lo, b_lo)
    return lo, hi


class _Axes:
    def __init__(self, steps: list[Any]) -> None:
        self.s0, self.s1 = min(steps), max(steps)
        self.span = (self.s1 - self.s0) or 1

    def x(self, step: float) -> float:
        return round(LEFT + (step - self.s0) / self.span * (W - LEFT - RIGHT), 1)

    @staticmethod
    def y(value: float, lo: float, hi: float) -> float:
        return round(TOP + (1 - (value - lo) / (hi - lo)) * (H - TOP - BOTTOM), 1)

    def path(self, series: list[tuple[Any, float]], lo: float, hi: float) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{self.x(s)},{self.y(v, lo, hi)}" for i, (s, v) in enumerate(series))


def _loss_part(axes: _Axes, loss: list[tuple[Any, float]], label: str) -> list[str]:
    lo, hi = _scale([v for _, v in loss], metric_bounds("loss"))
    return [
        f'<path d="{axes.path(loss, lo, hi)}" fill="none" stroke="{LOSS_COLOUR}" stroke-width="2" class="loss"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 10}" font-size="11" fill="{LOSS_COLOUR}" text-anchor="end">{hi:.3g}</text>',
        f'<text x="{LEFT - 4}" y="{H - BOTTOM}" font-size="11" fill="{LOSS_COLOUR}" text-anchor="end">{lo:.3g}</text>',
        f'<text x="{LEFT}" y="16" font-size="12" fill="{LOSS_COLOUR}">— {escape(label)}</text>',
    ]


def _metric_part(axes: _Axes, metric: list[tuple[Any, float]], label: str, name: str) -> list[str]:
    lo, hi = _scale([v for _, v in metric], metric_bounds(name))
    out = [
        f'<path d="{axes.path(metric, lo, hi)}" fill="none" stroke="{METRIC_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="6 3" class="metric"/>'
    ]
    out += [f'<circle cx="{axes.x(s)}" cy="{axes.y(v, lo, hi)}" r="3" fill="{METRIC_COLOUR}"/>' for s, v in metric]
    return [
        *out,
        f'<text x="{W - RIGHT + 4}" y="{TOP + 10}" font-size="11" fill="{METRIC_COLOUR}">{hi:.3g}</text>',
        f'<text x="{W - RIGHT + 4}" y="{H - BOTTOM}" font-size="11" fill="{METRIC_COLOUR}">{lo:.3g}</text>',
        f'<text x="{LEFT + 110}" y="16" font-size="12" fill="{METRIC_COLOUR}">- - {escape(label)}</text>',
    ]


def curve_svg(points: list[dict[str, Any]], *, metric_name: str = "") -> SafeString | None:
    """Loss (left axis) and the evaluation metric (right axis) by step, as a small inline SVG."""
    loss, metric = _series(points)
    if not loss and not metric:
        return None
    axes = _Axes([s for s, _ in loss + metric])
    metric_label = metric_name or _("metric")
    title = _("Learning curve: loss and %(metric)s by step") % {"metric": metric_label}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-labelledby="curve-title" class="curve"><title id="curve-title">{escape(title)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{W - LEFT - RIGHT}" height="{H - TOP - BOTTOM}" fill="#fff" '
        f'stroke="#d9dde3"/>',
        f'<text x="{LEFT}" y="{H - 8}" font-size="11" fill="#59626e">{escape(_("step"))} {axes.s0}</text>',
        f'<text x="{W - RIGHT}" y="{H - 8}" font-size="11" fill="#59626e" text-anchor="end">{axes.s1}</text>',
    ]
    if loss:
        out += _loss_part(axes, loss, _("loss"))
    if metric:
        out += _metric_part(axes, metric, metric_label, metric_name)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - numbers and escaped text only
