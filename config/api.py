"""API-wide behaviour: model validation errors become 400s with field errors, never 500s."""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

BODY_TOO_LARGE = "The request body is larger than the limit of {limit} bytes."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        # Django refuses to read the body; say so with the limit instead of a bare 400 page.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response({"detail": BODY_TOO_LARGE.format(limit=limit)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    return drf_exception_handler(exc, context)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def paginate(view: APIView, request: Request, queryset: Any, serializer_class: type, **context: Any) -> Response:
    """One page of `queryset`; the view declares `pagination_class` so its OpenAPI schema is the paginated one."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context).data)
