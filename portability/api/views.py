"""Export, import and sharing API: always the caller's own data (`me/`), one view per operation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portability import selectors
from portability.api import serializers as s
from portability.exports import progress_csv_response
from portability.services import learner_import, share_link_create, share_link_revoke

IMPORT_TOO_LARGE = _("The export is %(size)s bytes; this instance imports at most %(limit)s bytes.")
IMPORT_NOT_JSON = _("Send the export as the JSON body of the request (Content-Type: application/json).")


class ExportApi(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="Everything you have here, as one JSON document (restorable with me/import/)",
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.learner_export_get(user=request.user))


class ExportProgressCsvApi(APIView):
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR}, summary="Your progress as CSV")
    def get(self, request: Request) -> HttpResponse:
        return progress_csv_response(user=request.user)


class ImportApi(APIView):
    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: s.ImportReportOutput, 400: OpenApiResponse(description="Not a well-formed export")},
        summary="Restore an export into your account (idempotent: a second run restores nothing twice)",
    )
    def post(self, request: Request) -> Response:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.PATHWISE_MAX_IMPORT_BYTES
        if size > limit:
            raise ValidationError({"detail": IMPORT_TOO_LARGE % {"size": size, "limit": limit}})
        if request.content_type.split(";")[0].strip() != "application/json":
            raise ValidationError({"detail": IMPORT_NOT_JSON})
        report = learner_import(user=request.user, document=request.data)
        return Response(s.ImportReportOutput(report.as_dict()).data)


def _link_data(request: Request, link: Any) -> dict[str, Any]:
    return {"url": request.build_absolute_uri(link.get_absolute_url()), "created_at": link.created_at}


class ShareGetApi(APIView):
    @extend_schema(responses={200: s.ShareLinkOutput, 404: None}, summary="Your live public progress link")
    def get(self, request: Request) -> Response:
        link = selectors.share_link_live(user=request.user)
        if link is None:
            return Response(status=status.HTTP_404_NOT_FOUND)
        return Response(s.ShareLinkOutput(_link_data(request, link)).data)


class ShareCreateApi(APIView):
    @extend_schema(
        request=None,
        responses={201: s.ShareLinkOutput},
        summary="Share your progress: a new random link (any older one stops working)",
    )
    def post(self, request: Request) -> Response:
        link = share_link_create(user=request.user)
        return Response(s.ShareLinkOutput(_link_data(request, link)).data, status=status.HTTP_201_CREATED)


class ShareRevokeApi(APIView):
    @extend_schema(request=None, responses={204: None}, summary="Stop sharing: the link becomes a 404")
    def delete(self, request: Request) -> Response:
        share_link_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShareApi(ShareGetApi, ShareCreateApi, ShareRevokeApi):
    """GET, POST and DELETE on one path; each operation is its own view above."""
