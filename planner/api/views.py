"""Planner REST API: one view per operation (parse -> service/selector -> serialize).

Where REST puts two operations on one path (GET list + POST create), the path is served by a class
that only combines the two operation views (`EnrolmentCollectionApi`), so each operation keeps its
own view, schema and checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import user_get
from config.api import NOT_FOUND, Pagination, or_404, paginate, validated, visible_or_404
from config.api import query_params as _query
from config.filters import filter_parameters, filtered
from config.http_cache import cached_read
from planner import selectors
from planner.api import serializers as s
from planner.api.filters import MilestoneFilter, ProgressFilter
from planner.curriculum_version import curriculum_version
from planner.models import Enrolment, Milestone, Plan
from planner.permissions import (
    can_change_enrolment,
    can_change_learner_data,
    can_view_enrolment,
    can_view_learner_data,
)
from planner.services import (
    enrolment_create,
    enrolment_delete,
    enrolment_update,
    plan_get_fresh,
    plan_update,
    progress_summary,
    progress_update,
    self_assessment_apply,
)

READ_ONLY_FOR_MENTORS = _("Mentors can read their learners' data but not change it.")


def _learner_id(request: Request, requested: int | None) -> int:
    """The learner whose data is asked for: the caller, or `?user=` if the caller may see them (else 404)."""
    if requested is None or requested == request.user.pk:
        return request.user.pk
    if not can_view_learner_data(request.user, requested):
        raise Http404(NOT_FOUND)
    return requested


def _requested_learner_id(request: Request) -> int:
    """`_learner_id` of the request's `?user=`."""
    return _learner_id(request, _query(request, s.LearnerQueryInput).get("user"))


def _learner_for_write(request: Request) -> Any:
    learner_id = _requested_learner_id(request)
    if not can_change_learner_data(request.user, learner_id):
        raise PermissionDenied(READ_ONLY_FOR_MENTORS)
    return request.user if learner_id == request.user.pk else _user(learner_id)


def _user(pk: int) -> Any:
    return or_404(user_get(pk=pk))


def _milestone(slug: str) -> Milestone:
    return or_404(selectors.milestone_brief_get(slug=slug))


def _enrolment(request: Request, pk: int, *, write: bool = False) -> Enrolment:
    enrolment = visible_or_404(request.user, selectors.enrolment_get(pk=pk), can_view_enrolment)
    if write and not can_change_enrolment(request.user, enrolment):
        raise PermissionDenied(READ_ONLY_FOR_MENTORS)
    return enrolment


# `?user=` as its serializer declares it (bounds included), so the schema and the check agree.
USER_PARAM = s.LearnerQueryInput


# --- curriculum (public, read-only: a visitor reads it before signing up) ----------------------------

# Anyone may read the curriculum; progress, plans and submissions stay behind an account.
PUBLIC = [AllowAny]


def _curriculum_read(view: APIView, request: Request, build: Callable[[], Any]) -> HttpResponseBase:
    """The same for every caller (the curriculum is public): cached under the curriculum's version, answered 304
    when unchanged (config.http_cache)."""
    version = curriculum_version()
    response = cached_read(view, request, namespace="curriculum", version=version, build=build, per_user=False)
    return response if response is not None else Response(build())


def _curriculum_page(view: APIView, request: Request, rows: Any, output: type) -> HttpResponseBase:
    return _curriculum_read(view, request, lambda: paginate(view, request, rows, output).data)


# A public, paginated list of the curriculum (no docstring: a view's docstring becomes its operations' description).
class CurriculumListApi(APIView):
    permission_classes = PUBLIC
    pagination_class = Pagination


class StageListApi(CurriculumListApi):
    @extend_schema(responses={200: s.StageOutput(many=True)}, summary="List stages")
    def get(self, request: Request) -> HttpResponseBase:
        return _curriculum_page(self, request, selectors.stage_list(), s.StageOutput)


class TrackListApi(CurriculumListApi):
    @extend_schema(responses={200: s.TrackOutput(many=True)}, summary="List role tracks")
    def get(self, request: Request) -> HttpResponseBase:
        return _curriculum_page(self, request, selectors.track_list(), s.TrackOutput)


class TrackDetailApi(APIView):
    permission_classes = PUBLIC

    @extend_schema(responses={200: s.TrackDetailOutput}, summary="A track with its milestones")
    def get(self, request: Request, slug: str) -> HttpResponseBase:
        def build() -> Any:
            return s.TrackDetailOutput(or_404(selectors.track_get(slug=slug))).data

        return _curriculum_read(self, request, build)


class MilestoneListApi(CurriculumListApi):
    @extend_schema(
        parameters=[*filter_parameters(MilestoneFilter), s.MilestoneListQueryInput],
        responses={200: s.MilestoneOutput(many=True), 400: OpenApiResponse(description="An unknown filter value.")},
        summary="List milestones (filter by stage, track, completion; search in English or Chinese)",
        description="Lean items: scalars and prerequisites' slugs. `?expand=resources` adds each one's `resources`.",
    )
    def get(self, request: Request) -> HttpResponseBase:
        def build() -> Any:
            expand = _query(request, s.MilestoneListQueryInput).get("expand")
            queryset = selectors.milestone_list(with_resources=expand == "resources")
            output = s.MilestoneExpandedOutput if expand == "resources" else s.MilestoneOutput
            return paginate(self, request, filtered(request, MilestoneFilter, queryset), output).data

        return _curriculum_read(self, request, build)


class MilestoneDetailApi(APIView):
    permission_classes = PUBLIC

    @extend_schema(
        responses={200: s.MilestoneDetailOutput},
        summary="A milestone with its prerequisites, dependants, resources and tracks",
    )
    def get(self, request: Request, slug: str) -> HttpResponseBase:
        def build() -> Any:
            return s.MilestoneDetailOutput(or_404(selectors.milestone_get(slug=slug))).data

        return _curriculum_read(self, request, build)


# --- enrolments ----------------------------------------------------------------------------------


class EnrolmentListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[USER_PARAM],
        responses={200: s.EnrolmentOutput(many=True)},
        summary="List enrolments (own, or a mentee's with ?user=)",
    )
    def get(self, request: Request) -> Response:
        learner_id = _requested_learner_id(request)
        return paginate(self, request, selectors.enrolment_list(learner_id=learner_id), s.EnrolmentOutput)


class EnrolmentCreateApi(APIView):
    @extend_schema(request=s.EnrolmentCreateInput, responses={201: s.EnrolmentOutput}, summary="Enrol in a track")
    def post(self, request: Request) -> Response:
        enrolment = enrolment_create(user=request.user, **validated(s.EnrolmentCreateInput, request.data))
        return Response(s.EnrolmentOutput(enrolment).data, status=status.HTTP_201_CREATED)


class EnrolmentCollectionApi(EnrolmentListApi, EnrolmentCreateApi):
    """GET lists, POST creates: the two operation views above on one path."""


class EnrolmentDetailApi(APIView):
    @extend_schema(responses={200: s.EnrolmentOutput}, summary="An enrolment")
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.EnrolmentOutput(_enrolment(request, pk)).data)


class EnrolmentUpdateApi(APIView):
    @extend_schema(
        request=s.EnrolmentUpdateInput,
        responses={200: s.EnrolmentOutput},
        summary="Change hours per week, start or target date, optional milestones",
    )
    def patch(self, request: Request, pk: int) -> Response:
        enrolment = _enrolment(request, pk, write=True)
        enrolment = enrolment_update(
            enrolment=enrolment, **validated(s.EnrolmentUpdateInput, request.data, partial=True)
        )
        return Response(s.EnrolmentOutput(enrolment).data)


class EnrolmentDeleteApi(APIView):
    @extend_schema(responses={204: None}, summary="Leave a track (progress is kept)")
    def delete(self, request: Request, pk: int) -> Response:
        enrolment_delete(enrolment=_enrolment(request, pk, write=True))
        return Response(status=status.HTTP_204_NO_CONTENT)


class EnrolmentItemApi(EnrolmentDetailApi, EnrolmentUpdateApi, EnrolmentDeleteApi):
    """GET, PATCH, DELETE of one enrolment: the three operation views above on one path."""


# --- plans ---------------------------------------------------------------------------------------


def _plan_output(plan: Plan) -> dict[str, Any]:
    return s.PlanOutput(plan).data


class PlanDetailApi(APIView):
    @extend_schema(responses={200: s.PlanOutput}, summary="The enrolment's dated plan (generated on first use)")
    def get(self, request: Request, pk: int) -> Response:
        enrolment = _enrolment(request, pk)
        return Response(_plan_output(plan_get_fresh(enrolment=enrolment)))


class PlanGenerateApi(APIView):
    @extend_schema(
        request=s.PlanGenerateInput,
        responses={200: s.PlanOutput},
        summary="Change your pace (hours per week, start, target date: kept on the enrolment); the plan is regenerated",
    )
    def post(self, request: Request, pk: int) -> Response:
        enrolment = _enrolment(request, pk, write=True)
        return Response(_plan_output(plan_update(enrolment=enrolment, **validated(s.PlanGenerateInput, request.data))))


class PlanApi(PlanDetailApi, PlanGenerateApi):
    """GET reads, POST regenerates: the two operation views above on one path."""


# --- progress ------------------------------------------------------------------------------------


class ProgressListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[USER_PARAM, *filter_parameters(ProgressFilter)],
        responses={200: s.ProgressOutput(many=True), 400: OpenApiResponse(description="An unknown filter value.")},
        summary="List progress (own, or a mentee's with ?user=), filter by state, track, stage",
    )
    def get(self, request: Request) -> Response:
        learner_id = _requested_learner_id(request)
        rows = filtered(request, ProgressFilter, selectors.progress_list(learner_id=learner_id))
        return paginate(self, request, rows, s.ProgressOutput)


class ProgressDetailApi(APIView):
    @extend_schema(parameters=[USER_PARAM], responses={200: s.ProgressOutput}, summary="Progress on one milestone")
    def get(self, request: Request, slug: str) -> Response:
        learner_id = _requested_learner_id(request)
        row = or_404(selectors.progress_list(learner_id=learner_id).filter(milestone__slug=slug).first())
        return Response(s.ProgressOutput(row).data)


class ProgressUpdateApi(APIView):
    @extend_schema(
        request=s.ProgressUpdateInput,
        responses={200: s.ProgressOutput},
        summary="Move a milestone: in_progress, done (self-report), skipped, available (reset)",
    )
    def patch(self, request: Request, slug: str) -> Response:
        learner = _learner_for_write(request)
        state = validated(s.ProgressUpdateInput, request.data)["state"]
        row = progress_update(user=learner, milestone=_milestone(slug), state=state)
        return Response(s.ProgressOutput(row).data)

    @extend_schema(
        request=s.ProgressUpdateInput,
        responses={200: s.ProgressOutput},
        summary="Same as PATCH, for clients that only POST",
    )
    def post(self, request: Request, slug: str) -> Response:
        return self.patch(request, slug)


class ProgressItemApi(ProgressDetailApi, ProgressUpdateApi):
    """GET reads, PATCH/POST update: the operation views above on one path."""


class SelfAssessmentApplyApi(APIView):
    @extend_schema(
        request=s.SelfAssessmentInput,
        responses={200: s.ProgressOutput(many=True)},
        summary="Mark milestones already known (skipped, evidence self); un-skip `unknown` ones",
    )
    def post(self, request: Request) -> Response:
        learner = _learner_for_write(request)
        rows = self_assessment_apply(user=learner, **validated(s.SelfAssessmentInput, request.data))
        return Response(s.ProgressOutput(rows, many=True).data)


class ProgressSummaryApi(APIView):
    @extend_schema(
        parameters=[USER_PARAM],
        responses={200: s.SummaryOutput},
        summary="Per track and per stage: percent done (by hours), hours left, projected finish",
    )
    def get(self, request: Request) -> Response:
        learner_id = _requested_learner_id(request)
        return Response(s.SummaryOutput(progress_summary(user_id=learner_id)).data)
