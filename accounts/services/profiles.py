"""Profiles and settings: display name, language, time zone, weekly hours, email preferences."""

from __future__ import annotations

import zoneinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.extensions import registry
from accounts.models import Profile
from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS

UNKNOWN_TIME_ZONE = _("Unknown time zone: %(value)s. Use an IANA name such as Asia/Shanghai or Europe/Berlin.")
UNKNOWN_LANGUAGE = _("Unknown language: %(value)s. Choose one of: %(choices)s.")
HOURS_RANGE = _("Weekly hours must be a number from %(min)s to %(max)s.")
NOT_ENROLLED = _("Enrol in a track first: weekly hours belong to your plan.")

EMAIL_FIELDS = {
    "review_received": "email_review_received",
    "submission_graded": "email_submission_graded",
    "milestone_signed_off": "email_milestone_signed_off",
    "weekly_digest": "email_weekly_digest",
}


def time_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def profile_create(*, user: AbstractBaseUser, language: str = "", time_zone: str = "") -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"language": language, "time_zone": time_zone})
    return profile


def _clean_time_zone(value: str) -> str:
    value = value.strip()
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": [UNKNOWN_TIME_ZONE % {"value": value[:64]}]}, code="unknown_time_zone")
    return value


def _clean_language(value: str) -> str:
    codes = [code for code, _ in settings.LANGUAGES]
    if value and value not in codes:
        message = UNKNOWN_LANGUAGE % {"value": value[:20], "choices": ", ".join(codes)}
        raise ValidationError({"language": [message]}, code="unknown_language")
    return value


def _clean_hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or not MIN_WEEKLY_HOURS <= hours <= MAX_WEEKLY_HOURS:
        params = {"min": MIN_WEEKLY_HOURS, "max": MAX_WEEKLY_HOURS}
        raise ValidationError({"weekly_hours": ValidationError(HOURS_RANGE, code="hours_range", params=params)})
    return hours.quantize(Decimal("0.1"))


@transaction.atomic
def profile_update(
    *,
    user: AbstractBaseUser,
    display_name: str | None = None,
    language: str | None = None,
    time_zone: str | None = None,
    weekly_hours: Any = None,
    email: dict[str, bool] | None = None,
) -> Profile:
    """Change what the person set; unset arguments keep their value. New weekly hours re-flow the plan through the
    planner's plan service."""
    profile = Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)
    if display_name is not None:
        profile.display_name = display_name.strip()
    if language is not None:
        profile.language = _clean_language(language)
    if time_zone is not None:
        profile.time_zone = _clean_time_zone(time_zone)
    for kind, wanted in (email or {}).items():
        setattr(profile, EMAIL_FIELDS[kind], bool(wanted))
    profile.full_clean(exclude=["user"])
    profile.save()
    if weekly_hours is not None:
        hours = _clean_hours(weekly_hours)
        if registry.weekly_hours_get is None or registry.weekly_hours_get(user) is None:
            raise ValidationError({"weekly_hours": [NOT_ENROLLED]}, code="not_enrolled")
        registry.weekly_hours_set(user, hours)
    return profile
