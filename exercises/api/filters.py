"""The exercises lists' query-string filters (django-filter): an unknown milestone, exercise or choice is a 400."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from config.filters import SlugChoiceFilter, StrictChoiceFilter
from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.selectors import exercise_libraries, exercise_search, library_q
from planner.filters import stage_filter
from planner.models import Milestone

UNKNOWN_MILESTONE = _("No milestone '%(value)s'.")
UNKNOWN_EXERCISE = _("No exercise '%(value)s'.")
UNKNOWN_LIBRARY = _("No exercise uses the library '%(value)s'. Known: %(known)s.")


class ExerciseFilter(django_filters.FilterSet):
    milestone = SlugChoiceFilter(
        queryset=Milestone.objects.all(), unknown=UNKNOWN_MILESTONE, help_text=_("Milestone slug.")
    )
    kind = StrictChoiceFilter(choices=Exercise.Kind.choices)
    stage = stage_filter("milestone__stage")
    library = django_filters.CharFilter(
        method="filter_library",
        max_length=100,
        help_text=_("A library the exercise allows or needs, by its import name (numpy, pandas, torch, sklearn)."),
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=100, help_text=_("Text in English or Chinese; best matches first.")
    )

    class Meta:
        model = Exercise
        fields = ["milestone", "kind", "stage", "library", "search"]

    def filter_library(self, queryset: QuerySet[Exercise], name: str, value: str) -> QuerySet[Exercise]:
        known = exercise_libraries()
        if value not in known:
            raise ValidationError({"library": [UNKNOWN_LIBRARY % {"value": value, "known": ", ".join(known)}]})
        return queryset.filter(library_q(value))

    def filter_search(self, queryset: QuerySet[Exercise], name: str, value: str) -> QuerySet[Exercise]:
        return exercise_search(queryset, value)


class SubmissionFilter(django_filters.FilterSet):
    exercise = SlugChoiceFilter(
        queryset=Exercise.objects.all(), unknown=UNKNOWN_EXERCISE, help_text=_("Exercise slug.")
    )
    status = StrictChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["exercise", "status"]
