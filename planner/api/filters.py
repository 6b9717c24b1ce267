"""The planner lists' query-string filters (django-filter): an unknown stage, track or choice is a 400."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from config.filters import StrictChoiceFilter
from planner.filters import stage_filter, track_filter
from planner.models import Completion, Milestone, Progress, ProgressState
from planner.selectors import milestone_search


class MilestoneFilter(django_filters.FilterSet):
    stage = stage_filter()
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
    stage = stage_filter("milestone__stage")

    class Meta:
        model = Progress
        fields = ["state", "track", "stage"]
