"""How pages word times, shared by every app's pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def just_now(when: dt.datetime | None) -> bool:
    """Under a minute ago: pages say "just now" rather than timesince's "0 minutes ago"."""
    return when is not None and timezone.now() - when < dt.timedelta(minutes=1)
