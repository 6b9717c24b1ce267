"""The learning curve of a fine-tuning run (loss and the evaluation metric by step) as a server-side SVG."""

from __future__ import annotations

import math
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def curve_svg(points: list[dict[str, Any]], *, metric_name: str = "") -> SafeString | None:
    """Loss (left axis) and the evaluation metric (right axis) by step, as a small inline SVG."""
    loss = [(p["step"], p["loss"]) for p in points if isinstance(p.get("loss"), (int, float))
            and math.isfinite(p["loss"])]
    metric = [(p["step"], p.get("eval_metric", p.get("metric"))) for p in points
              if isinstance(p.get("eval_metric", p.get("metric")), (int, float))]
    if not loss and not metric:
        return None
    w, h, left, right, top, bottom = 640, 270, 52, 52, 34, 36
    steps = [s for s, _ in loss + metric]
    s0, s1 = min(steps), max(steps)
    span = (s1 - s0) or 1

    def x(step: float) -> float:
        return round(left + (step - s0) / span * (w - left - right), 1)

    def scale(values: list[float]) -> tuple[float, float]:
        lo, hi = min(values), max(values)
        if hi - lo < 1e-12:
            lo, hi = lo - 0.5, hi + 0.5
        return lo, hi

    def y(value: float, lo: float, hi: float) -> float:
        return round(top + (1 - (value - lo) / (hi - lo)) * (h - top - bottom), 1)

    metric_label = metric_name or _("metric")
    step_label, loss_label = _("step"), _("loss")
    title = _("Learning curve: loss and %(metric)s by step") % {"metric": metric_label}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" '
           f'aria-labelledby="curve-title" class="curve"><title id="curve-title">{escape(title)}</title>',
           f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" fill="#fff" '
           f'stroke="#d9dde3"/>']
    out.append(f'<text x="{left}" y="{h - 8}" font-size="11" fill="#59626e">{escape(step_label)} {s0}</text>')
    out.append(f'<text x="{w - right}" y="{h - 8}" font-size="11" fill="#59626e" text-anchor="end">{s1}</text>')
    if loss:
        lo, hi = scale([v for _, v in loss])
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(s)},{y(v, lo, hi)}" for i, (s, v) in enumerate(loss))
        out.append(f'<path d="{path}" fill="none" stroke="#1f5fbf" stroke-width="2" class="loss"/>')
        out.append(f'<text x="{left - 4}" y="{top + 10}" font-size="11" fill="#1f5fbf" text-anchor="end">'
                   f"{hi:.3g}</text>")
        out.append(f'<text x="{left - 4}" y="{h - bottom}" font-size="11" fill="#1f5fbf" text-anchor="end">'
                   f"{lo:.3g}</text>")
        out.append(f'<text x="{left}" y="16" font-size="12" fill="#1f5fbf">— {escape(loss_label)}</text>')
    if metric:
        lo, hi = scale([v for _, v in metric])
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(s)},{y(v, lo, hi)}" for i, (s, v) in enumerate(metric))
        out.append(f'<path d="{path}" fill="none" stroke="#1d7a3d" stroke-width="2" stroke-dasharray="6 3" '
                   f'class="metric"/>')
        for s, v in metric:
            out.append(f'<circle cx="{x(s)}" cy="{y(v, lo, hi)}" r="3" fill="#1d7a3d"/>')
        out.append(f'<text x="{w - right + 4}" y="{top + 10}" font-size="11" fill="#1d7a3d">{hi:.3g}</text>')
        out.append(f'<text x="{w - right + 4}" y="{h - bottom}" font-size="11" fill="#1d7a3d">{lo:.3g}</text>')
        out.append(f'<text x="{left + 110}" y="16" font-size="12" fill="#1d7a3d">- - '
                   f"{escape(metric_label)}</text>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - numbers and escaped text only
