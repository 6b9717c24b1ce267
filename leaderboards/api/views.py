"""Leaderboards REST API: one view per operation (parse -> service/selector -> serialize); where REST puts two
operations on one path, a class only combines the operation views.

A board someone may not read is a 404 (a cohort's board exists only for its members, mentors and staff).
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import or_404, validated
from leaderboards import selectors
from leaderboards.api import serializers as s
from leaderboards.services import board_close, entry_join, entry_leave

NOT_OPTED_IN = _("You do not take part in this exercise's leaderboards.")


def _board(request: Request, slug: str, cohort_id: int | None = None) -> selectors.Board:
    return or_404(selectors.board_get(user=request.user, slug=slug, cohort_id=cohort_id))


def _detail(request: Request, board: selectors.Board) -> Response:
    ranking = selectors.board_ranking(board=board)
    entry = selectors.entry_get(user=request.user, exercise=board.exercise)
    data = {"board": board, "rows": ranking.rows, "you": entry.display_name if entry else None}
    return Response(s.BoardDetailOutput(data).data)


class BoardListApi(APIView):
    @extend_schema(
        responses={200: s.BoardOutput(many=True)},
        summary="List the leaderboards: every model and fine-tuning exercise's, and your cohorts'",
    )
    def get(self, request: Request) -> Response:
        return Response(s.BoardOutput(selectors.board_list(user=request.user), many=True).data)


class BoardDetailApi(APIView):
    @extend_schema(responses={200: s.BoardDetailOutput}, summary="Read an exercise's global leaderboard")
    def get(self, request: Request, slug: str) -> Response:
        return _detail(request, _board(request, slug))


class CohortBoardDetailApi(APIView):
    @extend_schema(
        responses={200: s.BoardDetailOutput, 404: OpenApiResponse(description="Not a member, mentor or staff.")},
        summary="Read a cohort's leaderboard of an exercise",
    )
    def get(self, request: Request, slug: str, cohort_id: int) -> Response:
        return _detail(request, _board(request, slug, cohort_id))


class EntryApi(APIView):
    @extend_schema(responses={200: s.EntryOutput}, summary="Read your entry in an exercise's leaderboards")
    def get(self, request: Request, slug: str) -> Response:
        entry = selectors.entry_get(user=request.user, exercise=_board(request, slug).exercise)
        if entry is None:
            raise Http404(NOT_OPTED_IN)
        return Response(s.EntryOutput(entry).data)

    @extend_schema(
        request=s.EntryInput,
        responses={200: s.EntryOutput, 400: OpenApiResponse(description="A name outside the rules or taken.")},
        summary="Take part in an exercise's leaderboards under a display name (or change it)",
    )
    def put(self, request: Request, slug: str) -> Response:
        board = _board(request, slug)
        display_name = validated(s.EntryInput, request.data)["display_name"]
        entry = entry_join(user=request.user, exercise=board.exercise, display_name=display_name)
        return Response(s.EntryOutput(entry).data)

    @extend_schema(responses={204: None}, summary="Leave an exercise's leaderboards")
    def delete(self, request: Request, slug: str) -> Response:
        if not entry_leave(user=request.user, exercise=_board(request, slug).exercise):
            raise Http404(NOT_OPTED_IN)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BoardCloseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.BoardDetailOutput, 403: OpenApiResponse(description="Only staff close a global board.")},
        summary="Close an exercise's global leaderboard (staff): its private ranking is revealed",
    )
    def post(self, request: Request, slug: str) -> Response:
        board = _board(request, slug)
        board_close(user=request.user, board=board)
        return _detail(request, _board(request, slug))


class CohortBoardCloseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: s.BoardDetailOutput, 403: OpenApiResponse(description="Only its mentors and staff.")},
        summary="Close a cohort's leaderboard of an exercise (its mentors, staff): its private ranking is revealed",
    )
    def post(self, request: Request, slug: str, cohort_id: int) -> Response:
        board = _board(request, slug, cohort_id)
        board_close(user=request.user, board=board)
        return _detail(request, _board(request, slug, cohort_id))
