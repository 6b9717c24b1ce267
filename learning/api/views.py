"""Learning REST API: one view per operation (parse -> service/selector -> serialize); GET and a write on one path
are served by a class that only combines the operation views."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import NOT_FOUND, Pagination, or_404, paginate, query_params, validated, visible_or_404
from learning import selectors
from learning.api import serializers as s
from learning.permissions import can_read_note, can_read_shared_notes_of
from learning.services.notes import note_create, note_delete, note_save
from planner.models import Milestone

AUTHOR_ONLY = _("A note is written only by its author; mentors read the notes shared with them.")


def _mentee(request: Request, learner_id: int | None) -> int | None:
    """The learner `?user=` names, when not the caller (None then); one whose shared notes the caller may not read
    (not a mentor of theirs) does not exist for them: a 404, as for any learner's data."""
    if learner_id is None or learner_id == request.user.pk:
        return None
    if not can_read_shared_notes_of(request.user, learner_id):
        raise Http404(NOT_FOUND)
    return learner_id


def _check_author(request: Request) -> None:
    """Writes are the caller's own: `?user=` naming someone else is refused (404 unless the caller mentors them)."""
    if _mentee(request, query_params(request, s.NoteReadQueryInput).get("user")) is not None:
        raise PermissionDenied(AUTHOR_ONLY)


def _milestone(slug: str) -> Milestone:
    return or_404(selectors.milestone_by_slug(slug))


class NoteListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[s.NoteListQueryInput],
        responses={200: s.NoteOutput(many=True)},
        summary="List your notes (search with ?q=), or with ?user= the notes a learner you mentor shares",
    )
    def get(self, request: Request) -> Response:
        query = query_params(request, s.NoteListQueryInput)
        mentee = _mentee(request, query.get("user"))
        if mentee is None:
            rows = selectors.note_list(user=request.user, text=query.get("q", ""))
        else:
            rows = selectors.shared_note_list(viewer=request.user, learner_id=mentee, text=query.get("q", ""))
        return paginate(self, request, rows, s.NoteOutput)


class NoteCreateApi(APIView):
    @extend_schema(request=s.NoteCreateInput, responses={201: s.NoteOutput}, summary="Write a note on a milestone")
    def post(self, request: Request) -> Response:
        _check_author(request)
        values = validated(s.NoteCreateInput, request.data)
        note = note_create(
            user=request.user,
            milestone=_milestone(values["milestone"]),
            body=values["body"],
            shared=values["shared_with_mentors"],
        )
        return Response(s.NoteOutput(note).data, status=status.HTTP_201_CREATED)


class NoteCollectionApi(NoteListApi, NoteCreateApi):
    """GET lists, POST creates: the operation views above on one path."""


class NoteDetailApi(APIView):
    @extend_schema(
        parameters=[s.NoteReadQueryInput],
        responses={200: s.NoteOutput},
        summary="Your note on a milestone, or with ?user= a mentee's shared one",
    )
    def get(self, request: Request, slug: str) -> Response:
        learner_id = query_params(request, s.NoteReadQueryInput).get("user") or request.user.pk
        note = selectors.note_get(user_id=learner_id, milestone_id=_milestone(slug).pk)
        return Response(s.NoteOutput(visible_or_404(request.user, note, can_read_note)).data)


class NoteWriteApi(APIView):
    def _write(self, request: Request, slug: str, *, partial: bool) -> Response:
        _check_author(request)
        milestone = _milestone(slug)
        existing = selectors.note_get(user_id=request.user.pk, milestone_id=milestone.pk)
        if partial and existing is None:
            raise Http404(NOT_FOUND)
        values = validated(s.NoteUpdateInput, request.data, partial=partial)
        body = values.get("body", existing.body if existing is not None else "")
        note = note_save(user=request.user, milestone=milestone, body=body, shared=values.get("shared_with_mentors"))
        if note is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        created = existing is None
        return Response(s.NoteOutput(note).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        request=s.NoteUpdateInput,
        responses={200: s.NoteOutput, 201: s.NoteOutput, 204: None},
        summary="Write your note on a milestone (made if missing; an empty body deletes it)",
    )
    def put(self, request: Request, slug: str) -> Response:
        return self._write(request, slug, partial=False)

    @extend_schema(
        request=s.NoteUpdateInput,
        responses={200: s.NoteOutput, 204: None},
        summary="Change your note's text or sharing",
    )
    def patch(self, request: Request, slug: str) -> Response:
        return self._write(request, slug, partial=True)

    @extend_schema(responses={204: None}, summary="Delete your note on a milestone")
    def delete(self, request: Request, slug: str) -> Response:
        _check_author(request)
        if not note_delete(user=request.user, milestone=_milestone(slug)):
            raise Http404(NOT_FOUND)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NoteItemApi(NoteDetailApi, NoteWriteApi):
    """GET reads, PUT/PATCH write, DELETE deletes: the operation views above on one path."""
