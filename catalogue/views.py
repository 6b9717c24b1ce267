"""The catalogue pages, public: every milestone and exercise, filtered and searched (best match first), paginated.
A signed-in reader also sees and filters by their own progress."""

from __future__ import annotations

from collections.abc import Callable
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


def _catalogue(
    request: HttpRequest,
    template: str,
    form_class: type[CatalogueFilterForm],
    find: Callable[..., QuerySet[Any]],
    rows_of: Callable[[CatalogueFilterForm, Page], list[dict[str, Any]]],
) -> HttpResponse:
    """A catalogue page: a filter the form refuses is a 400 with the form's errors and no rows; otherwise one page
    of what `find` returns for the reader's filters, shown as `rows_of` lays it out."""
    form = form_class(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return _render(request, template, form, None, [])
    page = _page(request, find(user=request.user, **form.filters()))
    return _render(request, template, form, page, rows_of(form, page))


def _milestone_rows(form: CatalogueFilterForm, page: Page) -> list[dict[str, Any]]:
    labels = {**dict(ProgressState.choices), None: _("Not in your tracks")}
    return [
        {"item": m, "state": getattr(m, "my_state", None), "label": labels[m.my_state] if form.signed_in else None}
        for m in page
    ]


def _exercise_rows(form: CatalogueFilterForm, page: Page) -> list[dict[str, Any]]:
    labels = dict(form.fields["state"].choices) if form.signed_in else {}
    rows = []
    for exercise in page:
        state = selectors.exercise_state(exercise)
        rows.append({"item": exercise, "state": state, "label": labels.get(state)})
    return rows


@require_GET
def milestone_catalogue(request: HttpRequest) -> HttpResponse:
    return _catalogue(
        request, "catalogue/milestones.html", MilestoneFilterForm, selectors.milestone_catalogue, _milestone_rows
    )


@require_GET
def exercise_catalogue(request: HttpRequest) -> HttpResponse:
    return _catalogue(
        request, "catalogue/exercises.html", ExerciseFilterForm, selectors.exercise_catalogue, _exercise_rows
    )
