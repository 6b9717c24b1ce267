"""The rhythm page: the learner's weekly goal (set here), this week so far, and the streak of weeks met."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from config.pages import show_refusal
from learning.models import WeeklyGoal
from learning.services.rhythm import streak_of, weekly_goal_get, weekly_goal_set, weeks_get


class GoalForm(forms.ModelForm):
    class Meta:
        model = WeeklyGoal
        fields = ["kind", "hours", "milestones", "exercises", "reminders"]
        widgets = {"kind": forms.RadioSelect}


@login_required
def rhythm_page(request: HttpRequest) -> HttpResponse:
    goal = weekly_goal_get(user=request.user)
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            weekly_goal_set(
                user=request.user,
                kind=data["kind"],
                hours=data["hours"],
                milestones=data["milestones"],
                exercises=data["exercises"],
                reminders=data["reminders"],
            )
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Weekly goal saved."))
            return redirect("rhythm")
    weeks = weeks_get(user=request.user, goal=goal, now=timezone.now()) if goal else []
    context = {"form": form, "goal": goal, "weeks": weeks[:8], "streak": streak_of(weeks) if weeks else 0}
    return render(request, "learning/rhythm.html", context)
