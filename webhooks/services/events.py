"""An event fanned out to the endpoints that take it: one Event row, one Delivery per endpoint, each delivery
enqueued when that commits.

Idempotent: the event's id is derived from what it is about (its type and key, and this site's URL), so the same
event announced twice is one Event and each endpoint gets one Delivery (unique per endpoint and event)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from webhooks.models import Delivery, Event
from webhooks.selectors import endpoints_for
from webhooks.services.deliveries import delivery_enqueue


def event_id_for(event_type: str, key: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.PATHWISE_SITE_URL.rstrip('/')}/webhooks/{event_type}/{key}")


def event_publish(*, event_type: str, key: str, learner_id: int | None, data: dict[str, Any]) -> Event | None:
    """Store the event and its deliveries, and enqueue them on commit; None when no endpoint takes it."""
    endpoints = endpoints_for(event_type=event_type, learner_id=learner_id)
    if not endpoints:
        return None
    with transaction.atomic():
        event, created = Event.objects.get_or_create(
            id=event_id_for(event_type, key), defaults={"type": event_type, "learner_id": learner_id, "data": data}
        )
        if created:  # the usual case: no delivery can exist yet, and the insert returns the new ids
            ids = [d.pk for d in Delivery.objects.bulk_create([Delivery(endpoint=e, event=event) for e in endpoints])]
        else:  # announced again: only endpoints that have none (one added since) get a delivery
            had = set(Delivery.objects.filter(event=event).values_list("endpoint_id", flat=True))
            new = [e.pk for e in endpoints if e.pk not in had]
            Delivery.objects.bulk_create([Delivery(endpoint_id=pk, event=event) for pk in new], ignore_conflicts=True)
            ids = list(Delivery.objects.filter(event=event, endpoint_id__in=new).values_list("id", flat=True))
        for delivery_id in ids:
            transaction.on_commit(lambda pk=delivery_id: delivery_enqueue(delivery_id=pk, round=1))
    return event
