"""The catalogue pages, public: every milestone and exercise, filtered and searched (best match first), paginated.
A signed-in reader also sees and filters by their own progress."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalogue import selectors
from catalogue.forms import CatalogueFilterForm, ExerciseFilterForm, MilestoneFilterForm
from planner.models import ProgressState

PAGE_SIZE = 20


def _page(request: HttpRequest, qs: QuerySet[Any]) -> Page:
    # get_page answers the last page for a number past the end and the first for one that is not a number.
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _render(
    request: HttpRequest, template: str, form: CatalogueFilterForm, page: Page | None, rows: list
) -> HttpResponse:
    context = {"form": form, "page": page, "rows": rows, "searching": bool(form.is_bound and form.data.get("q"))}
    return render(request, template, context, status=400 if form.errors else 200)


@require_GET
def milestone_catalogue(request: HttpRequest) -> HttpResponse:
    form = MilestoneFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return _render(request, "catalogue/milestones.html", form, None, [])
    page = _page(request, selectors.milestone_catalogue(user=request.user, **form.filters()))
    labels = {**dict(ProgressState.choices), None: _("Not in your tracks")}
    signed_in = request.user.is_authenticated
    rows = [
        {"milestone": m, "state": getattr(m, "my_state", None), "label": labels[m.my_state] if signed_in else None}
        for m in page
    ]
    return _render(request, "catalogue/milestones.html", form, page, rows)


@require_GET
def exercise_catalogue(request: HttpRequest) -> HttpResponse:
    form = ExerciseFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return _render(request, "catalogue/exercises.html", form, None, [])
    page = _page(request, selectors.exercise_catalogue(user=request.user, **form.filters()))
    labels = dict(form.fields["state"].choices) if "state" in form.fields else {}
    rows = []
    for exercise in page:
        state = selectors.exercise_state(exercise)
        rows.append({"exercise": exercise, "state": state, "label": labels.get(state)})
    return _render(request, "catalogue/exercises.html", form, page, rows)
