"""The catalogue's filters as GET forms: a value a filter does not know is a 400 naming the field, never an empty
page (as the API's filters do, config.filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.selectors import NOT_TRIED, PASSED, TRIED, UNTRACKED
from exercises.models import Exercise
from planner.models import Completion, ProgressState, Stage

ANY = ("", _("Any"))
YES_NO = {"yes": True, "no": False}


class StageField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stage) -> str:
        return f"{obj.order}. {obj.title}"


class CatalogueFilterForm(forms.Form):
    """Search and stage, shared by both pages; the reader's state only for a signed-in reader (a visitor has none)."""

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
        if not user.is_authenticated:
            del self.fields["state"]

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments from the cleaned data (an unbound form filters nothing)."""
        data = self.cleaned_data if self.is_bound else {}
        return {"stage": data.get("stage"), "search": data.get("q", ""), "state": data.get("state", "")}


class MilestoneFilterForm(CatalogueFilterForm):
    completion = forms.ChoiceField(label=_("Kind"), choices=[ANY, *Completion.choices], required=False)
    state = forms.ChoiceField(
        label=_("Your progress"),
        choices=[ANY, *ProgressState.choices, (UNTRACKED, _("Not in your tracks"))],
        required=False,
    )
    graded = forms.ChoiceField(
        label=_("Graded exercises"),
        choices=[ANY, ("yes", _("With graded exercises")), ("no", _("Without graded exercises"))],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound else {}
        return {**super().filters(), "completion": data.get("completion", ""), "graded": YES_NO.get(data.get("graded"))}


class ExerciseFilterForm(CatalogueFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[ANY, *Exercise.Kind.choices], required=False)
    state = forms.ChoiceField(
        label=_("Your progress"),
        choices=[ANY, (PASSED, _("Passed")), (TRIED, _("Tried, not passed yet")), (NOT_TRIED, _("Not tried"))],
        required=False,
    )
    required = forms.ChoiceField(
        label=_("Required"),
        choices=[ANY, ("yes", _("Required")), ("no", _("Optional"))],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound else {}
        return {**super().filters(), "kind": data.get("kind", ""), "required": YES_NO.get(data.get("required"))}
