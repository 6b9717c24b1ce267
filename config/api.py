"""API-wide behaviour: model validation errors become 400s with field errors, never 500s; and what every view does
the same way: parse a body or query (`validated`, `query_params`), find a row or 404 (`or_404`; `visible_or_404`
also for a row the caller may not see), answer a service's PermissionDenied (`refusal_as_403`, `refusal_as_404`),
paginate, and render one object through an output serializer kept per thread (`represent`)."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import slug_re
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from config.bounds import MAX_ID, MAX_SLUG_CHARS, shown

BODY_TOO_LARGE = "The request body is larger than the limit of {limit} bytes."
NOT_FOUND = _("Not found.")

T = TypeVar("T")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        # Django refuses to read the body; say so with the limit instead of a bare 400 page.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response({"detail": BODY_TOO_LARGE.format(limit=limit)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    return drf_exception_handler(exc, context)


class IdField(serializers.IntegerField):
    """A row id: 1 to MAX_ID. Unbounded, 10**30 reached the database and overflowed SQLite's INTEGER (a 500).
    `strict`: only a JSON integer (not "2", not true), for fields that never came from a form."""

    def __init__(self, *, strict: bool = False, **kwargs: Any) -> None:
        self.strict = strict
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if self.strict and (not isinstance(data, int) or isinstance(data, bool)):
            self.fail("invalid")
        return super().to_internal_value(data)


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> Any:
    """`data` (a body or query parameters) as `serializer_class` validates it; a 400 with field errors otherwise."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def query_params(request: Request, serializer_class: type[serializers.Serializer]) -> Any:
    return validated(serializer_class, request.query_params)


class _Kept(threading.local):
    def __init__(self) -> None:
        self.serializers: dict[type[serializers.BaseSerializer], serializers.BaseSerializer] = {}


_kept = _Kept()


def represent(serializer_class: type[serializers.BaseSerializer], instance: Any) -> Any:
    """`serializer_class(instance).data` for an output serializer that reads no context (no request: no hyperlinks),
    through one instance of it kept per thread. DRF builds a serializer's fields anew for every instance (deep
    copies of the declared ones): 145 of the 207 µs it took to render /api/v1/me/. Rendering keeps no state in the
    serializer, so the next object gets the same answer as from a new instance (tests/config/test_represent.py)."""
    serializer = _kept.serializers.get(serializer_class)
    if serializer is None:
        serializer = _kept.serializers[serializer_class] = serializer_class()
    return serializer.to_representation(instance)


def or_404(row: T | None) -> T:
    """The row a selector found; none (or one the caller may not see, which selectors do not return) is a 404."""
    if row is None:
        raise Http404(NOT_FOUND)
    return row


def visible_or_404(user: Any, row: T | None, may_see: Callable[[Any, T], bool]) -> T:
    """The row if `may_see(user, row)` (a `can_view_*` rule of the app's permissions); one the caller may not see
    answers the same 404 as none at all, so a 404 does not tell whether it exists."""
    if row is None or not may_see(user, row):
        raise Http404(NOT_FOUND)
    return row


@contextmanager
def refusal_as_403() -> Iterator[None]:
    """A service's PermissionDenied answers 403 with the service's message."""
    try:
        yield
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from exc


@contextmanager
def refusal_as_404() -> Iterator[None]:
    """A service's PermissionDenied answers as the row not found: it does not say whether the row exists."""
    try:
        yield
    except DjangoPermissionDenied:
        raise Http404(NOT_FOUND) from None


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def paginate(view: APIView, request: Request, queryset: Any, serializer_class: type, **context: Any) -> Response:
    """One page of `queryset`; the view declares `pagination_class` so its OpenAPI schema is the paginated one."""
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context).data)


class SlugRowField(serializers.SlugRelatedField):
    """A row named by its slug; what is not a slug (a NUL byte, a space) is refused as unknown before it reaches
    the database, which cannot even compare text holding a NUL (a 500 otherwise)."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str) or len(data) > MAX_SLUG_CHARS or not slug_re.match(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=shown(data))
        return super().to_internal_value(data)
