"""Celery tasks of webhooks. Thin: the service makes one attempt and says whether to retry and when."""

from __future__ import annotations

from celery import Task, shared_task

from gpu_runner import queues
from webhooks.services.deliveries import Outcome, deliveries_sweep, delivery_attempt
from webhooks.services.events import event_from_signal


@shared_task(name=queues.PUBLISH_WEBHOOK_EVENT, acks_late=True)
def publish_webhook_event_task(event_type: str, facts: dict) -> str | None:
    """An app below announced something (its signal's ids and JSON): describe it and fan it out."""
    event = event_from_signal(event_type=event_type, facts=facts)
    return str(event.pk) if event is not None else None


# The attempt count and the give-up rule live on the Delivery row (webhooks.services.deliveries), so Celery's own
# retry count is not a limit here.
@shared_task(bind=True, name=queues.DELIVER_WEBHOOK, acks_late=True, max_retries=None)
def deliver_webhook_task(self: Task, delivery_id: int, round: int = 1, after: int | None = None) -> str:
    outcome, countdown = delivery_attempt(delivery_id=delivery_id, round=round, after=after)
    if outcome == Outcome.RETRY:
        # The retry names the attempts made so far (one more than this task expected): a duplicate is skipped.
        made = None if after is None else after + 1
        raise self.retry(args=[delivery_id, round, made], countdown=countdown, max_retries=None)
    return str(outcome)


@shared_task(name=queues.SWEEP_WEBHOOKS, acks_late=True)
def sweep_webhook_deliveries_task() -> int:
    """Beat runs it every minute: pending deliveries whose message was lost are enqueued again."""
    return deliveries_sweep()
