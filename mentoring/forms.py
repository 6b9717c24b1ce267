"""The review queue's filters: one of the mentor's learners, an exercise, a status, and whether to show every
unreviewed submission or (by default) those that need a human. An unknown value is a 400 naming the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import MentorAssignment
from accounts.selectors import person_name
from exercises.models import FINAL_STATUSES, Exercise, SubmissionStatus

NEEDS_HUMAN, EVERYTHING = "needs", "all"


class ExerciseField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Exercise) -> str:
        return obj.title


class ReviewQueueFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[(NEEDS_HUMAN, _("Needs you")), (EVERYTHING, _("Everything unreviewed"))],
        required=False,
    )
    learner = forms.TypedChoiceField(label=_("Learner"), coerce=int, required=False, empty_value=None)
    exercise = ExerciseField(
        label=_("Exercise"),
        queryset=Exercise.objects.filter(active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *(c for c in SubmissionStatus.choices if c[0] in FINAL_STATUSES)],
        required=False,
    )

    def __init__(self, *args: Any, mentor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = MentorAssignment.objects.filter(mentor=mentor).values("learner_id")
        learners = get_user_model().objects.filter(pk__in=ids).select_related("profile").order_by("username")
        self.fields["learner"].choices = [("", _("Any")), *((u.pk, person_name(u)) for u in learners)]

    def filters(self) -> dict[str, Any]:
        """review_queue's keyword arguments (an unbound form: the default queue)."""
        data = self.cleaned_data if self.is_bound else {}
        exercise = data.get("exercise")
        return {
            "everything": data.get("show") == EVERYTHING,
            "learner_id": data.get("learner"),
            "exercise": exercise.slug if exercise else None,
            "status": data.get("status") or None,
        }
