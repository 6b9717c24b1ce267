"""The read side of webhooks: endpoints a person may manage, their deliveries, and the endpoints an event goes to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from cohorts.models import Cohort
from webhooks.models import Delivery, Endpoint


def endpoint_list(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Endpoint]:
    """Staff: every endpoint; a mentor: their cohorts' endpoints; anyone else: none."""
    endpoints = Endpoint.objects.select_related("cohort", "owner")
    if not user.is_authenticated:
        return endpoints.none()
    if user.is_staff:
        return endpoints
    return endpoints.filter(cohort__mentors=user)


def endpoint_get(*, user: AbstractBaseUser | AnonymousUser, endpoint_id: int) -> Endpoint | None:
    return endpoint_list(user=user).filter(pk=endpoint_id).first()


def delivery_list(*, endpoint: Endpoint, status: str | None = None) -> QuerySet[Delivery]:
    deliveries = Delivery.objects.filter(endpoint=endpoint).select_related("event")
    return deliveries.filter(status=status) if status else deliveries


def delivery_get(*, endpoint: Endpoint, delivery_id: int) -> Delivery | None:
    return delivery_list(endpoint=endpoint).filter(pk=delivery_id).first()


def cohort_for_webhooks(*, user: AbstractBaseUser, cohort_id: int) -> Cohort | None:
    """A cohort the person may register an endpoint for (its mentors, staff); None for any other."""
    cohorts = Cohort.objects.all() if user.is_staff else Cohort.objects.filter(mentors=user)
    return cohorts.filter(pk=cohort_id).first()


def endpoints_for(*, event_type: str, learner_id: int | None) -> list[Endpoint]:
    """The active endpoints that take `event_type` for this learner: every global one, and those of the cohorts the
    learner is a member of. One query; the event types are filtered here (a JSON list: SQLite has no `contains`)."""
    scope = Q(cohort__isnull=True)
    if learner_id is not None:
        scope |= Q(cohort__memberships__learner_id=learner_id)
    endpoints = Endpoint.objects.filter(scope, active=True).distinct().only("id", "events")
    return [endpoint for endpoint in endpoints if event_type in (endpoint.events or [])]
