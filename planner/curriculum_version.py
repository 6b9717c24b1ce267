"""The curriculum's version: every cached curriculum read (planner.api.views) is keyed on it, so replacing it makes
the next read rebuild from the database. It is replaced by `load_curriculum` (planner.curriculum.load) and by any
model write to a curriculum table (the admin's saves, inlines and deletes, a shell, a data migration), through
the signals connected in PlannerConfig.ready(): cache invalidation is not a business rule, and a receiver catches
writers that an explicit call would miss. Bulk writes send no signals; their callers call
`curriculum_changed()` themselves (the loader does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from config.http_cache import Version, version_bump, version_get
from planner.models import Milestone, Resource, Stage, Track, TrackMilestone

VERSION_KEY = "planner:curriculum-version"
CURRICULUM_MODELS = (Stage, Milestone, Resource, Track, TrackMilestone)
T = TypeVar("T")

# What this process read of the curriculum, by name: (the version's token it was read under, the value).
_kept: dict[str, tuple[str, Any]] = {}


def curriculum_version() -> Version:
    return version_get(VERSION_KEY)


def curriculum_kept(name: str, read: Callable[[], T]) -> T:
    """`read()`'s value, kept in this process's memory until the curriculum's version changes: the curriculum is
    shared by every learner and changes only when it is loaded or edited, so a page pays one cache read for it
    instead of queries. A value read inside a transaction is not kept (its rows may yet be rolled back). Callers
    must not change what they are given: the next request gets the same object."""
    token = curriculum_version().token
    found = _kept.get(name)
    if found is not None and found[0] == token:
        return found[1]
    value = read()
    if not connection.in_atomic_block:
        _kept[name] = (token, value)
    return value


def curriculum_changed() -> None:
    """Replace the version now, so that the writing transaction's own later reads miss, and again once it commits:
    a read by another process between the first replacement and the commit still saw the old rows and may have
    cached them under the new version."""
    version_bump(VERSION_KEY)
    transaction.on_commit(lambda: version_bump(VERSION_KEY))


def _on_write(sender: type, **kwargs: Any) -> None:
    curriculum_changed()


def _on_prerequisites_changed(sender: type, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        curriculum_changed()


def connect_signals() -> None:
    for model in CURRICULUM_MODELS:
        post_save.connect(_on_write, sender=model, dispatch_uid=f"curriculum-version-save-{model.__name__}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"curriculum-version-delete-{model.__name__}")
    m2m_changed.connect(
        _on_prerequisites_changed, sender=Milestone.prerequisites.through, dispatch_uid="curriculum-version-m2m"
    )
