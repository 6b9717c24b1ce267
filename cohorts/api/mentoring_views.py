"""Mentoring requests REST API: ask for a mentor on a submission, the queue of a mentor who opted in, take a
request, end a mentoring, the tracks a mentor takes requests for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cohorts import selectors
from cohorts.api import serializers as s
from cohorts.models import MentoringRequest
from cohorts.permissions import can_run_cohorts, can_view_request
from cohorts.services import (
    mentor_tracks_set,
    mentoring_request_cancel,
    mentoring_request_create,
    mentoring_request_take,
    mentorship_end,
)
from config.api import (
    NOT_FOUND,
    Pagination,
    or_404,
    paginate,
    refusal_as_403,
    refusal_as_404,
    validated,
    visible_or_404,
)
from exercises.selectors import submission_get
from planner.models import Track
from planner.selectors import track_list

MENTORS_ONLY = _("Only mentors and staff take mentoring requests.")
UNKNOWN_TRACKS = _("Unknown tracks: %(slugs)s.")


def _request(request: Request, pk: int) -> MentoringRequest:
    return visible_or_404(request.user, selectors.request_get(pk=pk), can_view_request)


def _request_output(written: MentoringRequest) -> Any:
    """A request just written, read again with the people, track and exercise its output shows."""
    return s.MentoringRequestOutput(selectors.request_get(pk=written.pk)).data


def _tracks_output(tracks: Iterable[Track]) -> Any:
    return s.MentorTracksOutput({"tracks": [t.slug for t in tracks]}).data


class RequestListApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses={200: s.MentoringRequestOutput(many=True)}, summary="Your mentoring requests")
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.request_list(user=request.user), s.MentoringRequestOutput)


class RequestCreateApi(APIView):
    @extend_schema(
        request=s.MentoringRequestCreateInput,
        responses={
            201: s.MentoringRequestOutput,
            400: OpenApiResponse(description="Not enrolled, a mentor already, a request already waiting, ..."),
            404: OpenApiResponse(description="Not one of your submissions."),
        },
        summary="Ask for a mentor on one of your submissions",
    )
    def post(self, request: Request) -> Response:
        v = validated(s.MentoringRequestCreateInput, request.data)
        submission = submission_get(user=request.user, submission_id=v["submission"])
        if submission is None or submission.user_id != request.user.pk:
            raise Http404(NOT_FOUND)
        track = None
        if v.get("track"):
            track = or_404(track_list().filter(slug=v["track"]).first())
        created = mentoring_request_create(
            user=request.user, submission=submission, track=track, message=v.get("message", "")
        )
        return Response(_request_output(created), status=status.HTTP_201_CREATED)


class RequestCollectionApi(RequestListApi, RequestCreateApi):
    """GET lists, POST creates: the two operation views above on one path."""


class RequestQueueApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: s.MentoringRequestOutput(many=True)},
        summary="Requests waiting in the tracks you opted in for, oldest first",
    )
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.request_queue(mentor=request.user), s.MentoringRequestOutput)


class RequestDetailApi(APIView):
    @extend_schema(responses={200: s.MentoringRequestOutput}, summary="A mentoring request")
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.MentoringRequestOutput(_request(request, pk)).data)


class RequestCancelApi(APIView):
    @extend_schema(
        responses={200: s.MentoringRequestOutput, 400: OpenApiResponse(description="No longer waiting.")},
        summary="Cancel your waiting request",
    )
    def delete(self, request: Request, pk: int) -> Response:
        found = _request(request, pk)
        with refusal_as_403():
            cancelled = mentoring_request_cancel(user=request.user, request=found)
        return Response(_request_output(cancelled))


class RequestItemApi(RequestDetailApi, RequestCancelApi):
    """GET reads, DELETE cancels: the operation views above on one path."""


class RequestTakeApi(APIView):
    @extend_schema(
        request=None,
        responses={
            201: s.MentorshipOutput,
            400: OpenApiResponse(description="Taken or cancelled already."),
            403: OpenApiResponse(description="You did not opt in for the request's track."),
        },
        summary="Take a request: you mentor the learner for its track",
    )
    def post(self, request: Request, pk: int) -> Response:
        found = _request(request, pk)
        with refusal_as_403():
            mentorship = mentoring_request_take(user=request.user, request=found)
        return Response(s.MentorshipOutput(mentorship).data, status=status.HTTP_201_CREATED)


class MentorshipListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: s.MentorshipOutput(many=True)}, summary="Mentorships from taken requests, either side"
    )
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.mentorship_list(user=request.user), s.MentorshipOutput)


class MentorshipEndApi(APIView):
    @extend_schema(responses={204: None}, summary="End a mentoring (the mentor or the learner); the other is told")
    def delete(self, request: Request, pk: int) -> Response:
        mentorship = or_404(selectors.mentorship_get(pk=pk))
        with refusal_as_404():
            mentorship_end(user=request.user, mentorship=mentorship)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MentorTracksGetApi(APIView):
    @extend_schema(responses={200: s.MentorTracksOutput}, summary="The tracks whose requests you take")
    def get(self, request: Request) -> Response:
        tracks = selectors.mentor_tracks(user=request.user)
        return Response(_tracks_output(tracks))


class MentorTracksSetApi(APIView):
    @extend_schema(
        request=s.MentorTracksInput,
        responses={200: s.MentorTracksOutput, 400: OpenApiResponse(description="Unknown track slugs.")},
        summary="Choose the tracks whose requests you take (mentors, staff)",
    )
    def put(self, request: Request) -> Response:
        requested = validated(s.MentorTracksInput, request.data)["tracks"]
        if not can_run_cohorts(request.user):
            raise PermissionDenied(MENTORS_ONLY)
        slugs = list(dict.fromkeys(requested))
        tracks = list(track_list().filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {t.slug for t in tracks})
        if unknown:
            raise ValidationError({"tracks": [UNKNOWN_TRACKS % {"slugs": ", ".join(unknown)}]})
        chosen = mentor_tracks_set(user=request.user, tracks=tracks)
        return Response(_tracks_output(chosen))


class MentorTracksApi(MentorTracksGetApi, MentorTracksSetApi):
    """GET reads, PUT replaces: the two operation views above on one path."""
