"""What every page does the same way with a service's answer: a refusal (ValidationError) becomes the page's error
messages, or its form's errors, in the reader's language, and the page goes on; a PermissionDenied, or a row a
selector did not find (`or_404`), is a 404."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from config.i18n import error_lines

T = TypeVar("T")


def or_404(row: T | None) -> T:
    """A selector's row, or the page not found when there is none (the reader may not see it, or it does not exist)."""
    if row is None:
        raise Http404
    return row


@contextmanager
def refusal_as_404() -> Iterator[None]:
    """A service's PermissionDenied shows as the page not found: it does not say whether the row exists."""
    try:
        yield
    except PermissionDenied:
        raise Http404 from None


def show_refusal(request: HttpRequest, exc: ValidationError) -> None:
    for line in error_lines(exc):
        messages.error(request, line)


def attempt(request: HttpRequest, act: Callable[[], object], *, success: str | None = None) -> bool:
    """Run a service for a page: True when it acted (`success` then shown), False when it refused (shown)."""
    try:
        act()
    except ValidationError as exc:
        show_refusal(request, exc)
        return False
    if success is not None:
        messages.success(request, success)
    return True


def form_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: under the field it names when the form has one, else on top."""
    if not hasattr(exc, "error_dict"):
        for line in error_lines(exc):
            form.add_error(None, line)
        return
    for field, errors in exc.error_dict.items():
        for line in error_lines(ValidationError(errors)):
            form.add_error(field if field in form.fields else None, line)
