"""Registering, changing, rotating and deleting endpoints. A URL is checked when it is set (webhooks.net): HTTPS
to a host whose every address is public."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from config.bounds import shown
from webhooks.models import Endpoint, EventType
from webhooks.net import url_check
from webhooks.permissions import can_register_endpoint

GLOBAL_STAFF_ONLY = _("Only staff register webhooks for every learner; mentors register them for a cohort.")
EVENTS_NEEDED = _("Choose at least one event.")
EVENT_UNKNOWN = _("Unknown event “%(value)s”: use one of %(choices)s.")


def secret_new() -> str:
    """256 bits from `secrets`, with a prefix that says what it is when it turns up in a log or a paste."""
    return "whsec_" + secrets.token_urlsafe(32)


def _events_check(events: list[str]) -> list[str]:
    if not events:
        raise ValidationError({"events": ValidationError(EVENTS_NEEDED, code="events_needed")})
    for value in events:
        if value not in EventType.values:
            params = {"value": shown(value), "choices": ", ".join(EventType.values)}
            raise ValidationError({"events": ValidationError(EVENT_UNKNOWN, code="invalid", params=params)})
    return sorted(set(events))


def _url_check(url: str) -> str:
    try:
        url_check(url)
    except ValidationError as exc:
        raise ValidationError({"url": exc.error_list}) from exc
    return url


def endpoint_create(
    *, user: AbstractBaseUser, url: str, events: list[str], cohort: Cohort | None = None, description: str = ""
) -> tuple[Endpoint, str]:
    """Register an endpoint; returns it and its secret (shown once)."""
    if not can_register_endpoint(user, cohort):
        raise PermissionDenied(GLOBAL_STAFF_ONLY)
    endpoint = Endpoint(
        owner=user,
        cohort=cohort,
        url=_url_check(url),
        events=_events_check(events),
        description=description,
        secret=secret_new(),
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint, endpoint.secret


def endpoint_update(
    *,
    endpoint: Endpoint,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> Endpoint:
    """Change what is given. Turning a disabled endpoint on again starts its count of failures afresh."""
    if url is not None and url != endpoint.url:
        endpoint.url = _url_check(url)
    if events is not None:
        endpoint.events = _events_check(events)
    if description is not None:
        endpoint.description = description
    if active is not None and active != endpoint.active:
        endpoint.active = active
        if active:
            endpoint.consecutive_failures = 0
            endpoint.disabled_at = None
    endpoint.full_clean()
    endpoint.save()
    return endpoint


def endpoint_rotate_secret(*, endpoint: Endpoint) -> str:
    """A new secret, effective at once for every delivery from now on (retries included); returned to be shown once."""
    endpoint.secret = secret_new()
    endpoint.save(update_fields=["secret", "updated_at"])
    return endpoint.secret


@transaction.atomic
def endpoint_delete(*, endpoint: Endpoint) -> None:
    """The endpoint and its delivery log; a retry still queued for it finds no row and does nothing."""
    endpoint.delete()
