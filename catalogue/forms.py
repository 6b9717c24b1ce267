"""The catalogue's filters as GET forms: a value a filter does not know is a 400 naming the field, never an empty
page (as the API's filters do, config.filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalogue.selectors import NOT_TRIED, PASSED, TRIED, UNTRACKED
from exercises.models import Exercise
from planner.models import Completion, ProgressState, Stage

ANY = ("", _("Any"))
YES_NO = {"yes": True, "no": False}


class StageField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stage) -> str:
        return f"{obj.order}. {obj.title}"


def yes_no_field(label: Promise, yes: Promise, no: Promise) -> forms.ChoiceField:
    """A filter of any, yes or no; `filters` gives it to the selector as None, True or False."""
    return forms.ChoiceField(label=label, choices=[ANY, ("yes", yes), ("no", no)], required=False)


class CatalogueFilterForm(forms.Form):
    """Search and stage, shared by both pages; the reader's state only for a signed-in reader (a visitor has none).
    A page's own filters are named in `choice_filters` (passed as chosen, "" for any) and `yes_no_filters`."""

    choice_filters: tuple[str, ...] = ()
    yes_no_filters: tuple[str, ...] = ()

    q = forms.CharField(label=_("Search"), max_length=100, required=False, strip=True)
    stage = StageField(
        label=_("Stage"),
        queryset=Stage.objects.order_by("order", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = user.is_authenticated  # a visitor has no state to show or filter by
        if not self.signed_in:
            del self.fields["state"]

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments from the cleaned data (an unbound form filters nothing)."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "stage": data.get("stage"),
            "search": data.get("q", ""),
            "state": data.get("state", ""),
            **{name: data.get(name, "") for name in self.choice_filters},
            **{name: YES_NO.get(data.get(name)) for name in self.yes_no_filters},
        }


class MilestoneFilterForm(CatalogueFilterForm):
    choice_filters = ("completion",)
    yes_no_filters = ("graded",)

    completion = forms.ChoiceField(label=_("Kind"), choices=[ANY, *Completion.choices], required=False)
    state = forms.ChoiceField(
        label=_("Your progress"),
        choices=[ANY, *ProgressState.choices, (UNTRACKED, _("Not in your tracks"))],
        required=False,
    )
    graded = yes_no_field(_("Graded exercises"), _("With graded exercises"), _("Without graded exercises"))


class ExerciseFilterForm(CatalogueFilterForm):
    choice_filters = ("kind",)
    yes_no_filters = ("required",)

    kind = forms.ChoiceField(label=_("Kind"), choices=[ANY, *Exercise.Kind.choices], required=False)
    state = forms.ChoiceField(
        label=_("Your progress"),
        choices=[ANY, (PASSED, _("Passed")), (TRIED, _("Tried, not passed yet")), (NOT_TRIED, _("Not tried"))],
        required=False,
    )
    required = yes_no_field(_("Required"), _("Required"), _("Optional"))
