"""Query-string filters every list shares. A value a filter does not know is a 400 that says so, never an empty
200: django-filter's forms validate and DjangoFilterBackend raises their errors. Views that are not generic list
views call `filtered()`.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

NOT_A_CHOICE = _('"%(value)s" is not a valid choice.')


class StrictChoiceFilter(django_filters.ChoiceFilter):
    """One of `choices`; anything else is a 400 naming the value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid_choice": NOT_A_CHOICE})
        super().__init__(*args, **kwargs)


class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`; anything else is refused (django-filter's BooleanFilter reads it as "no filter")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [("true", _("true")), ("false", _("false"))])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class SlugModelChoiceField(forms.ModelChoiceField):
    """A row named by its slug; a value that is not a slug is refused before it reaches the database (a NUL byte
    would make PostgreSQL fail)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        validate_slug(value)
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A row named by its slug; `unknown` is the message for a slug that names no row (`%(value)s`)."""

    field_class = SlugModelChoiceField

    def __init__(self, *args: Any, queryset: QuerySet[Any], unknown: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("to_field_name", "slug")
        if unknown is not None:
            kwargs.setdefault("error_messages", {"invalid_choice": unknown})
        super().__init__(*args, queryset=queryset, **kwargs)


def filtered(
    request: Request, filterset_class: type[django_filters.FilterSet], queryset: QuerySet[Any]
) -> QuerySet[Any]:
    """`queryset` narrowed by the request's query string, or a 400 with each bad parameter's message."""
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def filter_parameters(filterset_class: type[django_filters.FilterSet]) -> list[OpenApiParameter]:
    """The OpenAPI query parameters of a FilterSet, for views that are not generic list views."""
    parameters = []
    for name, field in filterset_class.base_filters.items():
        choices = getattr(field, "extra", {}).get("choices")
        parameters.append(
            OpenApiParameter(
                name,
                str,
                enum=[str(value) for value, _label in choices] if choices else None,
                description=str(field.extra.get("help_text") or ""),
            )
        )
    return parameters
