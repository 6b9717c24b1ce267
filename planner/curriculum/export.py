"""Writing the database's curriculum back out in the file format `curriculum_parse` reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from planner.curriculum.schema import STAGES_DIR, TRACKS_FILE
from planner.models import Milestone, Stage, Track


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def curriculum_export(*, out: Path | str) -> list[Path]:
    """Write the database's curriculum in the file format curriculum_load reads; return the files written."""
    root = Path(out)
    (root / STAGES_DIR).mkdir(parents=True, exist_ok=True)
    written = []
    prereqs: dict[int, list[str]] = {}
    for from_id, slug in Milestone.prerequisites.through.objects.order_by(
        "to_milestone__stage__order", "to_milestone__order", "to_milestone__slug"
    ).values_list("from_milestone_id", "to_milestone__slug"):
        prereqs.setdefault(from_id, []).append(slug)
    milestones_by_stage: dict[int, list[Milestone]] = {}
    for milestone in Milestone.objects.prefetch_related("resources").order_by("stage_id", "order", "slug"):
        milestones_by_stage.setdefault(milestone.stage_id, []).append(milestone)

    for stage in Stage.objects.order_by("order", "slug"):
        doc = {
            "stage": {
                "slug": stage.slug,
                "order": stage.order,
                "title": {"en": stage.title_en, "zh": stage.title_zh},
                "summary": {"en": stage.summary_en, "zh": stage.summary_zh},
            },
            "milestones": [
                {
                    "slug": m.slug,
                    "title": {"en": m.title_en, "zh": m.title_zh},
                    "summary": {"en": m.summary_en, "zh": m.summary_zh},
                    "hours": _number(m.hours),
                    "completion": m.completion,
                    "prerequisites": prereqs.get(m.pk, []),
                    "topics": {"en": list(m.topics_en), "zh": list(m.topics_zh)},
                    "resources": [
                        {"title": r.title, "authors": r.authors, "kind": r.kind, "url": r.url}
                        for r in m.resources.all()
                    ],
                    **({"recall": list(m.recall)} if m.recall else {}),
                }
                for m in milestones_by_stage.get(stage.pk, [])
            ],
        }
        path = root / STAGES_DIR / f"{stage.order:02d}-{stage.slug}.yaml"
        _dump(path, doc)
        written.append(path)

    tracks_doc = {
        "tracks": [
            {
                "slug": t.slug,
                "role": t.role,
                "title": {"en": t.title_en, "zh": t.title_zh},
                "summary": {"en": t.summary_en, "zh": t.summary_zh},
                "milestones": [{"slug": i.milestone.slug, "required": i.required} for i in t.items.all()],
            }
            for t in Track.objects.prefetch_related("items__milestone").order_by("order", "slug")
        ]
    }
    _dump(root / TRACKS_FILE, tracks_doc)
    written.append(root / TRACKS_FILE)
    return written


class _Flow(dict):
    """A mapping written on one line, like the hand-written files: {en: ..., zh: ...}."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def _flow(doc: Any, key: str | None = None) -> Any:
    """Short mappings (titles, resources, track items) in flow style; the rest stays block style."""
    if isinstance(doc, list):
        return [
            _Flow(v) if isinstance(v, dict) and (key == "resources" or set(v) == {"slug", "required"}) else _flow(v)
            for v in doc
        ]
    if isinstance(doc, dict):
        out = {k: _flow(v, k) for k, v in doc.items()}
        return _Flow(out) if key == "title" else out
    return doc


def _dump(path: Path, doc: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(_flow(doc), fh, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
