"""A signed-in person's pages follow their own language and time zone (Profile), not the browser's."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


@lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def activate_preferences(user: AbstractBaseUser, request: HttpRequest | None = None) -> None:
    """Activate the user's language (when they chose one) and time zone for the rest of this request or task."""
    from accounts.selectors import profile_get

    profile = profile_get(user=user)
    tz = zone(profile.time_zone)
    if tz is not None:
        timezone.activate(tz)
    else:
        timezone.deactivate()
    if profile.language:
        translation.activate(profile.language)
        if request is not None:
            request.LANGUAGE_CODE = profile.language


class UserPreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_preferences(user, request)
        else:
            timezone.deactivate()
        response = self.get_response(request)
        # The next request on this thread starts from the site's zone, whoever it belongs to.
        timezone.deactivate()
        return response
