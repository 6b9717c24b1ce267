"""Cohorts REST API: one view per operation (parse -> service/selector -> serialize); where REST puts two operations
on one path, a class only combines the two operation views.

A cohort is seen by its mentors and staff only: to anyone else it is a 404. Members read their memberships at
`cohorts/memberships/`; joining takes an invitation code, never a cohort id.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cohorts import selectors
from cohorts.api import serializers as s
from cohorts.export import progress_csv
from cohorts.models import Cohort, Invitation
from cohorts.permissions import can_run_cohorts
from cohorts.progress import CohortProgress, cohort_progress_get
from cohorts.services import (
    cohort_create,
    cohort_delete,
    cohort_join,
    cohort_update,
    invitation_create_link,
    invitation_revoke,
    invitations_email,
    membership_end,
)
from cohorts.services.cohorts import mentors_from_usernames
from cohorts.services.invitations import join_path
from config.api import Pagination, or_404, paginate, query_params, refusal_as_404, validated

MENTORS_ONLY = _("Only mentors and staff make cohorts.")


def _cohort(request: Request, pk: int) -> Cohort:
    return or_404(selectors.cohort_get(user=request.user, cohort_id=pk))


def _cohort_output(request: Request, cohort: Cohort) -> Any:
    """A cohort just written, read again as the caller sees it; the service's copy when they no longer see it (a
    mentor who took themselves off its mentors)."""
    return s.CohortOutput(selectors.cohort_get(user=request.user, cohort_id=cohort.pk) or cohort).data


class CohortListApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses={200: s.CohortOutput(many=True)}, summary="List the cohorts you mentor (staff: all)")
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.cohort_list(user=request.user), s.CohortOutput)


class CohortCreateApi(APIView):
    @extend_schema(
        request=s.CohortCreateInput,
        responses={
            201: s.CohortOutput,
            400: OpenApiResponse(description="A blank name, a target before the start, unknown or non-mentors."),
            403: OpenApiResponse(description="Only mentors and staff make cohorts."),
        },
        summary="Make a cohort (mentors, staff)",
    )
    def post(self, request: Request) -> Response:
        values = dict(validated(s.CohortCreateInput, request.data))
        if not can_run_cohorts(request.user):
            raise PermissionDenied(MENTORS_ONLY)
        mentors = mentors_from_usernames(usernames=values.pop("mentors", []))
        cohort = cohort_create(user=request.user, mentors=mentors, **values)
        return Response(_cohort_output(request, cohort), 201)


class CohortCollectionApi(CohortListApi, CohortCreateApi):
    """GET lists, POST creates: the two operation views above on one path."""


class CohortDetailApi(APIView):
    @extend_schema(responses={200: s.CohortOutput}, summary="A cohort you mentor")
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.CohortOutput(_cohort(request, pk)).data)


class CohortUpdateApi(APIView):
    @extend_schema(
        request=s.CohortUpdateInput,
        responses={200: s.CohortOutput, 400: OpenApiResponse(description="See the field errors.")},
        summary="Change a cohort's name, dates or mentors",
    )
    def patch(self, request: Request, pk: int) -> Response:
        body = request.data  # a body that is not JSON (or too deep) is a 400 before anything is looked up
        cohort = _cohort(request, pk)
        values = dict(validated(s.CohortUpdateInput, body, partial=True))
        if "mentors" in values:
            values["mentors"] = mentors_from_usernames(usernames=values["mentors"])
        cohort = cohort_update(user=request.user, cohort=cohort, **values)
        return Response(_cohort_output(request, cohort))


class CohortDeleteApi(APIView):
    @extend_schema(responses={204: None}, summary="Delete a cohort (members keep their enrolments and progress)")
    def delete(self, request: Request, pk: int) -> Response:
        cohort_delete(user=request.user, cohort=_cohort(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CohortItemApi(CohortDetailApi, CohortUpdateApi, CohortDeleteApi):
    """GET reads, PATCH changes, DELETE deletes: the operation views above on one path."""


def progress_data(progress: CohortProgress) -> dict[str, Any]:
    return {
        "cohort": progress.cohort,
        "today": progress.today,
        "inactive_days": progress.inactive_days,
        "ordering": progress.ordering,
        "stages": progress.stages,
        "learners": progress.learners,
        "behind": [row["id"] for row in progress.behind],
        "inactive": [row["id"] for row in progress.inactive],
        "waiting_reviews": {"count": progress.waiting_count, "items": progress.waiting},
        "exercises": progress.exercises,
        "most_failed": [row["slug"] for row in progress.most_failed],
    }


class CohortProgressApi(APIView):
    @extend_schema(
        parameters=[s.CohortProgressQueryInput],
        responses={200: s.CohortProgressOutput, 400: OpenApiResponse(description="An unknown ordering or days.")},
        summary="The cohort page: progress heatmap, behind plan, inactive, waiting reviews, exercises",
        description=(
            "Every member's progress by stage (percent of the stage's hours done or skipped), how far each is behind "
            "the planned pace (after the planner's two-week grace) and past the target date, last activity, the "
            "submissions waiting for review, and per exercise of the track: learners who tried, passed, failed, the "
            "median time and attempts to pass. The same number of queries for any number of learners."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        cohort = _cohort(request, pk)
        query = query_params(request, s.CohortProgressQueryInput)
        progress = cohort_progress_get(cohort=cohort, **query)
        return Response(s.CohortProgressOutput(progress_data(progress)).data)


class CohortExportApi(APIView):
    @extend_schema(
        parameters=[s.CohortProgressQueryInput],
        responses={(200, "text/csv"): OpenApiTypes.STR},
        summary="The cohort's progress as CSV (one row per learner, a column per stage)",
    )
    def get(self, request: Request, pk: int) -> Any:
        cohort = _cohort(request, pk)
        query = query_params(request, s.CohortProgressQueryInput)
        progress = cohort_progress_get(cohort=cohort, **query)
        return progress_csv(progress, filename=f"cohort-{cohort.pk}-{timezone.localdate():%Y-%m-%d}.csv")


class InvitationListApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses={200: s.InvitationOutput(many=True)}, summary="A cohort's invitations (no codes)")
    def get(self, request: Request, pk: int) -> Response:
        cohort = _cohort(request, pk)
        return paginate(self, request, selectors.invitation_list(cohort=cohort), s.InvitationOutput)


class InvitationCreateApi(APIView):
    @extend_schema(
        request=s.InvitationCreateInput,
        responses={201: s.InvitationCreatedOutput, 400: OpenApiResponse(description="See the field errors.")},
        summary="Make a join link, or mail invitations",
        description=(
            "`kind: link` makes a join link for `seats` learners and returns its code once (only a digest is kept). "
            "`kind: email` mails one single-seat invitation to each address (sent by a worker, retried on failure); "
            "addresses of members are skipped. Both last `days` days unless revoked."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        body = request.data  # a body that is not JSON (or too deep) is a 400 before anything is looked up
        cohort = _cohort(request, pk)
        v = validated(s.InvitationCreateInput, body)
        if v["kind"] == Invitation.Kind.EMAIL:
            sent = invitations_email(user=request.user, cohort=cohort, emails=v.get("emails", []), days=v.get("days"))
            body = {"invitations": sent.invited, "code": None, "url": None, "already_members": sent.already_members}
        else:
            invitation, code = invitation_create_link(
                user=request.user, cohort=cohort, seats=v["seats"], days=v.get("days"), label=v.get("label", "")
            )
            url = request.build_absolute_uri(join_path(code))
            body = {"invitations": [invitation], "code": code, "url": url, "already_members": []}
        return Response(s.InvitationCreatedOutput(body).data, status=status.HTTP_201_CREATED)


class InvitationCollectionApi(InvitationListApi, InvitationCreateApi):
    """GET lists, POST creates: the two operation views above on one path."""


class InvitationRevokeApi(APIView):
    @extend_schema(
        responses={200: s.InvitationOutput, 400: OpenApiResponse(description="Already revoked.")},
        summary="Revoke an invitation (who joined stays)",
    )
    def delete(self, request: Request, pk: int, invitation_id: int) -> Response:
        cohort = _cohort(request, pk)
        invitation = or_404(selectors.invitation_get(cohort=cohort, invitation_id=invitation_id))
        return Response(s.InvitationOutput(invitation_revoke(user=request.user, invitation=invitation)).data)


class MemberRemoveApi(APIView):
    @extend_schema(
        responses={204: None, 404: OpenApiResponse(description="No such member, or not your cohort.")},
        summary="Leave a cohort (your own id), or remove a member (its mentors, staff)",
    )
    def delete(self, request: Request, pk: int, learner_id: int) -> Response:
        found = or_404(selectors.membership_get(user=request.user, cohort_id=pk, learner_id=learner_id))
        with refusal_as_404():
            membership_end(user=request.user, cohort=found.cohort, learner=found.learner)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipListApi(APIView):
    pagination_class = Pagination

    @extend_schema(responses={200: s.MembershipOutput(many=True)}, summary="The cohorts you are in")
    def get(self, request: Request) -> Response:
        return paginate(self, request, selectors.membership_list(user=request.user), s.MembershipOutput)


class JoinApi(APIView):
    @extend_schema(
        request=s.JoinInput,
        responses={
            201: s.JoinOutput,
            200: OpenApiResponse(s.JoinOutput, description="You were a member already: no seat was used."),
            400: OpenApiResponse(description="Not a valid code; revoked, expired or full; you mentor the cohort."),
        },
        summary="Join a cohort with an invitation code",
        description=(
            "Enrols you in the cohort's track (unless you are already), makes its mentors yours, and when the "
            "cohort has a target date your plan aims at it: `plan.required_hours_per_week` is what that needs."
        ),
    )
    def post(self, request: Request) -> Response:
        code = validated(s.JoinInput, request.data)["code"]
        result = cohort_join(user=request.user, code=code.strip())
        return Response(s.JoinOutput(result).data, status=status.HTTP_201_CREATED if result.created else 200)
