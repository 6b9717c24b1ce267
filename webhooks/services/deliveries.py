"""Sending one delivery: the signed body, the attempt and what it decides (delivered, retry later, failed for good),
re-sending, and disabling an endpoint that keeps failing.

Retries back off exponentially: WEBHOOKS_RETRY_BASE_S x 2^(n-1) after the n-th failed attempt, at most
WEBHOOKS_RETRY_CAP_S, for as many attempts as it takes the waits to cover WEBHOOKS_RETRY_WINDOW_S (a day: 15
attempts with the defaults). The attempt count lives on the row, not in the broker. An endpoint whose
WEBHOOKS_DISABLE_AFTER_FAILURES deliveries in a row failed for good is disabled and its owner told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import json
import logging
import time
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from config.celery import app as celery_app
from gpu_runner import queues
from webhooks import net
from webhooks.models import Delivery, Endpoint, Event

log = logging.getLogger(__name__)

ENDPOINT_DISABLED = _("This endpoint is disabled: turn it on again before re-sending.")
USER_AGENT = "Pathwise-Webhooks/1"


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"  # no such pending delivery in this round (sent already, re-sent, deleted, being sent)


def body_bytes(event: Event) -> bytes:
    """The JSON body: the event id receivers deduplicate on, its type, when it happened, and its data."""
    document = {"id": str(event.id), "type": event.type, "created": event.created_at.isoformat(), "data": event.data}
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """hex HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret (the `v1` of Pathwise-Signature)."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def headers_for(event: Event, secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Pathwise-Event": event.type,
        "Pathwise-Event-Id": str(event.id),
        "Pathwise-Signature": f"t={timestamp},v1={signature(secret, timestamp, body)}",
    }


def retry_countdown(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failed attempt."""
    base, cap = float(settings.WEBHOOKS_RETRY_BASE_S), float(settings.WEBHOOKS_RETRY_CAP_S)
    return min(base * 2 ** min(attempts - 1, 60), cap)


def max_attempts() -> int:
    """The fewest attempts whose waits in between add up to the retry window (a day by default)."""
    waited, attempts = 0.0, 1
    while waited < settings.WEBHOOKS_RETRY_WINDOW_S and attempts < 1000:
        waited += retry_countdown(attempts)
        attempts += 1
    return attempts


def delivery_enqueue(*, delivery_id: int, round: int, countdown: float | None = None) -> None:
    celery_app.send_task(
        queues.DELIVER_WEBHOOK, args=[delivery_id, round, 0], queue=queues.WEBHOOKS, countdown=countdown
    )


def _send(delivery: Delivery) -> tuple[int | None, str]:
    """(status code or None, error) of one POST."""
    body = body_bytes(delivery.event)
    headers = headers_for(delivery.event, delivery.endpoint.secret, body)
    try:
        response = net.post(delivery.endpoint.url, body, headers, timeout=settings.WEBHOOKS_TIMEOUT_S)
    except ValidationError as exc:  # the host resolves to an address that is not public (now)
        return None, "refused: " + "; ".join(str(m) for m in exc.messages)
    except (OSError, http.client.HTTPException) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if 200 <= response.status < 300:
        return response.status, ""
    return response.status, f"HTTP {response.status}: {response.body[:200].decode('utf-8', 'replace')}"


def delivery_attempt(*, delivery_id: int, round: int = 1, after: int | None = None) -> tuple[Outcome, float | None]:
    """Make one attempt of a pending delivery; returns what happened and, for a retry, the seconds to wait.

    The row lock (skip_locked) makes a concurrent second task for the same row skip it; `round` makes a retry left
    over from before a re-send skip it; `after` (the attempts the task expects made already) makes a duplicate of a
    retry skip it: Redis hands an unacknowledged message with a countdown past its visibility timeout to a second
    worker, and both would fire."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint", "event")
            .filter(pk=delivery_id, round=round, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None or (after is not None and delivery.attempts != after):
            return Outcome.SKIPPED, None
        now = timezone.now()
        if not delivery.endpoint.active:
            _finish(delivery, Delivery.Status.FAILED, now, error="endpoint disabled")
            return Outcome.FAILED, None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        code, error = _send(delivery)
        delivery.response_code = code
        if not error:
            _finish(delivery, Delivery.Status.SUCCEEDED, now)
            Endpoint.objects.filter(pk=delivery.endpoint_id, consecutive_failures__gt=0).update(consecutive_failures=0)
            return Outcome.DELIVERED, None
        if delivery.attempts >= max_attempts():
            _finish(delivery, Delivery.Status.FAILED, now, error=error)
            _endpoint_failed(delivery.endpoint)
            return Outcome.FAILED, None
        countdown = retry_countdown(delivery.attempts)
        delivery.last_error = error[:300]
        delivery.next_attempt_at = now + dt.timedelta(seconds=countdown)
        delivery.save()
        return Outcome.RETRY, countdown


def _finish(delivery: Delivery, status: str, now: dt.datetime, error: str = "") -> None:
    delivery.status = status
    delivery.last_error = error[:300]
    delivery.next_attempt_at = None
    if status == Delivery.Status.SUCCEEDED:
        delivery.delivered_at = now
    delivery.save()


def _endpoint_failed(endpoint: Endpoint) -> None:
    """One more delivery failed for good; at the threshold the endpoint is disabled, once, and its owner told."""
    Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=F("consecutive_failures") + 1)
    threshold = settings.WEBHOOKS_DISABLE_AFTER_FAILURES
    disabled = Endpoint.objects.filter(pk=endpoint.pk, active=True, consecutive_failures__gte=threshold).update(
        active=False, disabled_at=timezone.now()
    )
    if disabled:
        log.warning("webhook endpoint %s disabled after %s failed deliveries", endpoint.pk, threshold)
        notification_create(
            user=endpoint.owner,
            kind=Notification.Kind.WEBHOOK_DISABLED,
            params={"url": endpoint.url, "failures": threshold, "endpoint": endpoint.pk},
            cohort=endpoint.cohort,
        )


def delivery_redeliver(*, delivery: Delivery) -> Delivery:
    """Send a delivery again, whatever became of it: a new round of attempts, enqueued on commit. Same event id, so
    a receiver that has it already can tell."""
    if not delivery.endpoint.active:
        raise ValidationError(ENDPOINT_DISABLED, code="endpoint_disabled")
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            round=F("round") + 1, attempts=0, status=Delivery.Status.PENDING, next_attempt_at=None
        )
        delivery.refresh_from_db()
        transaction.on_commit(lambda: delivery_enqueue(delivery_id=delivery.pk, round=delivery.round))
    return delivery


def deliveries_sweep(*, now: dt.datetime | None = None) -> int:
    """Enqueue again what waits past its time: a pending delivery of an active endpoint whose retry is
    WEBHOOKS_SWEEP_AFTER_S overdue, or never attempted that long after it was made (a message lost with a broker or
    a worker, an enqueue that failed after the commit). The database is the source of truth; the task carries the
    attempts made, so a copy of a message that was only late does nothing. Returns how many were enqueued."""
    now = now or timezone.now()
    grace = dt.timedelta(seconds=settings.WEBHOOKS_SWEEP_AFTER_S)
    overdue = Delivery.objects.filter(status=Delivery.Status.PENDING, endpoint__active=True).filter(
        models.Q(next_attempt_at__lt=now - grace) | models.Q(next_attempt_at__isnull=True, created_at__lt=now - grace)
    )
    rows = list(overdue.values_list("id", "round", "attempts")[:1000])
    # Not again before another grace period: the enqueued attempt sets its own next time.
    Delivery.objects.filter(pk__in=[r[0] for r in rows]).update(next_attempt_at=now + grace)
    for delivery_id, round_, attempts in rows:
        celery_app.send_task(queues.DELIVER_WEBHOOK, args=[delivery_id, round_, attempts], queue=queues.WEBHOOKS)
    return len(rows)
