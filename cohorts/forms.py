"""The pages' forms: they parse what a person typed; the services decide what is allowed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Invitation, MentoringRequest
from cohorts.services.invitations import DEFAULT_SEATS, MAX_ADDRESSES, MAX_DAYS, MAX_SEATS
from config.bounds import max_length, shown
from config.widgets import IsoDateInput
from planner.models import Track
from planner.selectors import track_list

SEPARATORS = re.compile(r"[\s,;]+")


def split_words(text: str) -> list[str]:
    return [word for word in SEPARATORS.split(text or "") if word]


def _slugs_only(field: forms.Field, values: list[Any]) -> None:
    """A choice that is not a slug (a NUL byte above all, which PostgreSQL cannot even compare) is refused before
    the lookup."""
    for value in values:
        if value not in field.empty_values and not slug_re.match(str(value)):
            raise forms.ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": shown(value)}
            )


class TrackChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Track) -> str:
        return obj.title

    def to_python(self, value: Any) -> Track | None:
        _slugs_only(self, [value])
        return super().to_python(value)


class TrackMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Track) -> str:
        return obj.title

    def clean(self, value: Any) -> Any:
        _slugs_only(self, list(value) if isinstance(value, list | tuple) else [value])
        return super().clean(value)


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=max_length(Cohort, "name"))
    track = TrackChoiceField(label=_("Track"), queryset=Track.objects.none(), to_field_name="slug")
    start_date = forms.DateField(label=_("Start date (optional)"), required=False, widget=IsoDateInput())
    target_date = forms.DateField(label=_("Target date (optional)"), required=False, widget=IsoDateInput())
    mentors = forms.CharField(
        label=_("Mentors (usernames, separated by commas or spaces)"),
        required=False,
        max_length=2000,
        help_text=_("You mentor the cohorts you make; add the other mentors here."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = track_list()
        if editing:  # a cohort keeps its track: its members are enrolled in it
            del self.fields["track"]

    def mentor_names(self) -> list[str]:
        return split_words(self.cleaned_data.get("mentors", ""))


def _days_field() -> forms.IntegerField:
    """How long an invitation of either kind stays valid; blank takes the site's default."""
    return forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=settings.PATHWISE_INVITATION_DAYS,
        required=False,
    )


class LinkInvitationForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial="link")
    label = forms.CharField(
        label=_("Label (where you will share it, optional)"), required=False, max_length=max_length(Invitation, "label")
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=MAX_SEATS, initial=DEFAULT_SEATS)
    days = _days_field()


class EmailInvitationForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial="email")
    emails = forms.CharField(
        label=_("Email addresses (one per line, or separated by commas)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_ADDRESSES * 260,
    )
    days = _days_field()

    def addresses(self) -> list[str]:
        return split_words(self.cleaned_data.get("emails", ""))


class JoinCodeForm(forms.Form):
    code = forms.CharField(label=_("Invitation code"), max_length=200)


class MentoringRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like help with? (optional)"),
        required=False,
        max_length=max_length(MentoringRequest, "message"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    track = forms.SlugField(required=False, widget=forms.HiddenInput)


class MentorTracksForm(forms.Form):
    tracks = TrackMultipleChoiceField(
        label=_("Tracks"),
        queryset=Track.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = track_list()
