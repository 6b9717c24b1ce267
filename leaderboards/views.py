"""Leaderboard pages: a board (global or a cohort's) with its ranking and the opt-in form; opting in or out;
closing. A board someone may not read is a 404, never a 403, so a cohort's board reveals nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.i18n import error_lines, field
from config.pages import or_404
from leaderboards import selectors
from leaderboards.services import NAME_MAX, board_close, entry_join, entry_leave


def _board_or_404(request: HttpRequest, slug: str, cohort_id: int | None = None) -> selectors.Board:
    return or_404(selectors.board_get(user=request.user, slug=slug, cohort_id=cohort_id))


def _board_url(board: selectors.Board) -> str:
    if board.cohort is None:
        return reverse("leaderboard", args=[board.exercise.slug])
    return reverse("leaderboard-cohort", args=[board.exercise.slug, board.cohort.pk])


def _render(request: HttpRequest, board: selectors.Board, *, errors: list[str] | None = None) -> HttpResponse:
    entry = selectors.entry_get(user=request.user, exercise=board.exercise)
    mine = [b for b in selectors.board_list(user=request.user) if b.exercise.pk == board.exercise.pk]
    context = {
        "board": board,
        "title": field(board.exercise, "title"),
        "ranking": selectors.board_ranking(board=board),
        "entry": entry,
        "errors": errors or [],
        "name_max": NAME_MAX,
        "other_boards": [b for b in mine if b.cohort != board.cohort],
        "board_url": _board_url(board),
        **selectors.board_permissions(user=request.user, board=board),
    }
    return render(request, "leaderboards/board.html", context, status=400 if errors else 200)


@login_required
@require_GET
def board_page(request: HttpRequest, slug: str, cohort_id: int | None = None) -> HttpResponse:
    """The exercise's global board, or with `cohort_id` a cohort's."""
    return _render(request, _board_or_404(request, slug, cohort_id))


@login_required
@require_POST
def entry_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Opt in (or rename) with `display_name`, or opt out with `leave`; back to the board it was sent from."""
    board = _board_or_404(request, slug)
    if request.POST.get("leave"):
        entry_leave(user=request.user, exercise=board.exercise)
        messages.success(request, _("You left this exercise's leaderboards."))
        return redirect(_board_url(board))
    try:
        entry_join(user=request.user, exercise=board.exercise, display_name=request.POST.get("display_name", ""))
    except ValidationError as exc:
        return _render(request, board, errors=error_lines(exc))
    messages.success(request, _("You take part in this exercise's leaderboards."))
    return redirect(_board_url(board))


@login_required
@require_POST
def board_close_page(request: HttpRequest, slug: str, cohort_id: int | None = None) -> HttpResponse:
    board = _board_or_404(request, slug, cohort_id)
    board_close(user=request.user, board=board)  # PermissionDenied: a 403 to a reader who may not close it
    messages.success(request, _("The board is closed: the private ranking is shown."))
    return redirect(_board_url(board))
