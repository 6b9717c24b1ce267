"""What every page does the same way with a service's answer: a refusal (ValidationError) becomes the page's error
messages, in the reader's language, and the page goes on."""

from __future__ import annotations

from collections.abc import Callable

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
