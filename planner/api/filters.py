"""The planner lists' query-string filters (django-filter): an unknown stage, track or choice is a 400."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from config.filters import SlugChoiceFilter, StrictChoiceFilter
from planner.models import Completion, Milestone, Progress, ProgressState, Stage, Track
from planner.selectors import milestone_search

UNKNOWN_STAGE = _("No stage '%(value)s'.")
UNKNOWN_TRACK = _("No track '%(value)s'.")


def track_filter(field_name: str) -> SlugChoiceFilter:
    """A track by slug, reached through `field_name` (a join across track items, hence distinct)."""
    return SlugChoiceFilter(
        field_name=field_name,
        queryset=Track.objects.all(),
        unknown=UNKNOWN_TRACK,
        distinct=True,
        help_text=_("Track slug."),
    )


class MilestoneFilter(django_filters.FilterSet):
    stage = SlugChoiceFilter(queryset=Stage.objects.all(), unknown=UNKNOWN_STAGE, help_text=_("Stage slug."))
    track = track_filter("track_items__track")
    completion = StrictChoiceFilter(choices=Completion.choices)
    search = django_filters.CharFilter(
        method="filter_search", max_length=100, help_text=_("Text in English or Chinese.")
    )

    class Meta:
        model = Milestone
        fields = ["stage", "track", "completion", "search"]

    def filter_search(self, queryset: QuerySet[Milestone], name: str, value: str) -> QuerySet[Milestone]:
        return milestone_search(queryset, value)


class ProgressFilter(django_filters.FilterSet):
    state = StrictChoiceFilter(choices=ProgressState.choices)
    track = track_filter("milestone__track_items__track")
    stage = SlugChoiceFilter(
        field_name="milestone__stage", queryset=Stage.objects.all(), unknown=UNKNOWN_STAGE, help_text=_("Stage slug.")
    )

    class Meta:
        model = Progress
        fields = ["state", "track", "stage"]
