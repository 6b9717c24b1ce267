"""The planner's rows as query-string filters, for any app's lists: a stage or track named by its slug, and the
400 message for a slug that names none."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from config.filters import SlugChoiceFilter
from planner.models import Stage, Track

UNKNOWN_STAGE = _("No stage '%(value)s'.")
UNKNOWN_TRACK = _("No track '%(value)s'.")


def stage_filter(field_name: str = "stage") -> SlugChoiceFilter:
    """A stage by slug, reached through `field_name`."""
    return SlugChoiceFilter(
        field_name=field_name, queryset=Stage.objects.all(), unknown=UNKNOWN_STAGE, help_text=_("Stage slug.")
    )


def track_filter(field_name: str) -> SlugChoiceFilter:
    """A track by slug, reached through `field_name` (a join across track items, hence distinct)."""
    return SlugChoiceFilter(
        field_name=field_name,
        queryset=Track.objects.all(),
        unknown=UNKNOWN_TRACK,
        distinct=True,
        help_text=_("Track slug."),
    )
