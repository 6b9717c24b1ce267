"""An event fanned out to the endpoints that take it: one Event row, one Delivery per endpoint, each delivery
enqueued when that commits.

What the apps below announce (their signals, on commit) reaches here through a task (`event_enqueue` ->
`webhooks.publish_event` -> `event_from_signal`): the request or job that did the work pays one broker message and no
query, and the worker describes the event (webhooks.payloads) and fans it out.

Idempotent: the event's id is derived from what it is about (its type and key, and this site's URL), so the same
event announced twice is one Event and each endpoint gets one Delivery (unique per endpoint and event)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from config.celery import app as celery_app
from gpu_runner import queues
from webhooks.models import Delivery, Event
from webhooks.payloads import BUILDERS
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


def event_enqueue(*, event_type: str, facts: dict[str, Any]) -> None:
    """Hand a signal's arguments (ids and JSON) to the worker that publishes the event."""
    celery_app.send_task(queues.PUBLISH_WEBHOOK_EVENT, args=[event_type, facts], queue=queues.WEBHOOKS)


def event_from_signal(*, event_type: str, facts: dict[str, Any]) -> Event | None:
    """Describe the event a signal announced and publish it; None when its rows are gone or no endpoint takes it."""
    built = BUILDERS[event_type](**facts)
    if built is None:
        return None
    learner_id, key, data = built
    return event_publish(event_type=event_type, key=key, learner_id=learner_id, data=data)
