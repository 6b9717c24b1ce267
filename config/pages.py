"""What every page does the same way with a service's answer: a refusal (ValidationError) becomes the page's error
messages, or its form's errors, in the reader's language, and the page goes on."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from config.i18n import error_lines


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
