"""Celery tasks of accounts: mail. Thin: one service call each; delivery retries with exponential backoff."""

from __future__ import annotations

from celery import Task, shared_task

from accounts.services.email import digests_prepare, email_deliver, notification_emails_prepare
from gpu_runner import queues

# 1, 2, 4, ... 32 minutes between tries: a mail server down for about an hour loses nothing.
MAX_DELIVERY_RETRIES = 6


def _backoff(retries: int) -> int:
    return 60 * 2**retries


@shared_task(bind=True, name=queues.DELIVER_EMAIL, acks_late=True, max_retries=MAX_DELIVERY_RETRIES)
def deliver_email_task(self: Task, email_id: int) -> None:
    if not email_deliver(email_id=email_id):
        raise self.retry(countdown=_backoff(self.request.retries))


def _deliver_each(email_ids: list[int]) -> int:
    """A delivery task per prepared mail, each retried on its own; how many were queued."""
    for email_id in email_ids:
        deliver_email_task.delay(email_id)
    return len(email_ids)


@shared_task(name=queues.SEND_WEEKLY_DIGESTS, acks_late=True)
def send_weekly_digests_task() -> int:
    """Beat runs it hourly: each person's digest goes out in the first run after Monday 08:00 their time, once."""
    return _deliver_each(digests_prepare())


@shared_task(name=queues.SEND_NOTIFICATION_EMAILS, acks_late=True)
def send_notification_emails_task() -> int:
    """Beat runs it every minute: new notifications of the kinds each person chose, one mail each."""
    return _deliver_each(notification_emails_prepare())
