"""Deliveries against a real HTTP receiver on 127.0.0.1: the signature verifies with the secret, 500s are retried with
exponential backoff until a 200, an endpoint that keeps failing is disabled and its owner told, a delivery can be
sent again, and the same event announced twice is delivered once. Attempts are made by calling the service (or the
task) directly: no test waits for a backoff."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from celery.exceptions import Retry

from accounts.models import Notification
from accounts.notifications import notification_show
from webhooks.models import Delivery, Endpoint, Event
from webhooks.services import delivery_attempt, delivery_redeliver, endpoint_create, event_publish
from webhooks.services.deliveries import Outcome, max_attempts
from webhooks.tasks import deliver_webhook_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(world, django_capture_on_commit_callbacks):
    """Announce a submission.graded of lena's and commit (its deliveries are enqueued: see `enqueued`)."""

    def publish(key: str = "1") -> Event:
        learner = world.users["learner"]
        data = {"learner": {"id": learner.pk, "username": "lena"}, "submission": {"id": 1, "status": "passed"}}
        with django_capture_on_commit_callbacks(execute=True):
            return event_publish(event_type="submission.graded", key=key, learner_id=learner.pk, data=data)

    return publish


def only_delivery(event: Event) -> Delivery:
    (delivery,) = Delivery.objects.filter(event=event)
    return delivery


def verify(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (README, Webhooks)."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def test_a_delivery_is_signed_with_the_endpoints_secret(world, publish, receiver, global_endpoint, enqueued):
    _endpoint, secret = global_endpoint
    event = publish()
    delivery = only_delivery(event)
    assert enqueued == [(delivery.pk, 1)]

    assert delivery_attempt(delivery_id=delivery.pk, round=1) == (Outcome.DELIVERED, None)

    (got,) = receiver.received
    assert verify(secret, got.headers["Pathwise-Signature"], got.body)
    assert not verify("whsec_wrong", got.headers["Pathwise-Signature"], got.body)
    body = json.loads(got.body)
    assert body == {
        "id": str(event.id),
        "type": "submission.graded",
        "created": event.created_at.isoformat(),
        "data": event.data,
    }
    assert (got.headers["Pathwise-Event"], got.headers["Pathwise-Event-Id"]) == ("submission.graded", str(event.id))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code, delivery.last_error) == (
        "succeeded",
        1,
        200,
        "",
    )
    assert delivery.delivered_at is not None


def test_500s_are_retried_with_exponential_backoff_until_a_200(world, publish, receiver, global_endpoint, enqueued):
    receiver.statuses = [500, 500, 500]
    delivery = only_delivery(publish())

    outcomes = [delivery_attempt(delivery_id=delivery.pk, round=1) for _ in range(4)]

    assert outcomes == [
        (Outcome.RETRY, 30.0),
        (Outcome.RETRY, 60.0),
        (Outcome.RETRY, 120.0),
        (Outcome.DELIVERED, None),
    ]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("succeeded", 4, 200)
    assert {json.loads(r.body)["id"] for r in receiver.received} == {str(delivery.event_id)}
    assert len(receiver.received) == 4


def test_the_retries_cover_a_day():
    assert max_attempts() == 15  # 30 s doubling, capped at 4 h: the waits between 15 attempts pass 24 h


def test_the_task_asks_celery_for_a_retry_after_the_backoff(
    world, publish, receiver, global_endpoint, enqueued, monkeypatch
):
    receiver.statuses = [500]
    delivery = only_delivery(publish())
    asked = []
    monkeypatch.setattr(deliver_webhook_task, "retry", lambda **kwargs: asked.append(kwargs) or Retry())

    with pytest.raises(Retry):
        deliver_webhook_task.run(delivery.pk, 1, 0)
    assert asked == [{"args": [delivery.pk, 1, 1], "countdown": 30.0, "max_retries": None}]
    # A duplicate of the first message (Redis redelivers one whose countdown outlived its visibility timeout).
    assert deliver_webhook_task.run(delivery.pk, 1, 0) == "skipped"
    assert deliver_webhook_task.run(delivery.pk, 1, 1) == "delivered"
    assert deliver_webhook_task.run(delivery.pk, 1, 2) == "skipped"


def test_an_endpoint_that_keeps_failing_is_disabled_and_its_owner_told(world, publish, receiver, settings, enqueued):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    settings.WEBHOOKS_RETRY_WINDOW_S = 30  # two attempts per delivery
    receiver.default = 500
    endpoint, _secret = endpoint_create(user=world.users["admin"], url=receiver.url, events=["submission.graded"])
    deliveries = [only_delivery(publish(key=str(n))) for n in range(3)]

    for delivery in deliveries[:2]:
        assert delivery_attempt(delivery_id=delivery.pk, round=1) == (Outcome.RETRY, 30.0)
        assert delivery_attempt(delivery_id=delivery.pk, round=1) == (Outcome.FAILED, None)

    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.consecutive_failures) == (False, 2)
    assert endpoint.disabled_at is not None
    (notification,) = Notification.objects.filter(user=world.users["admin"], kind="webhook_disabled")
    assert notification_show(notification).text == (
        f"Webhook disabled: {receiver.url} The webhook endpoint {receiver.url} failed 2 deliveries in a row and was "
        "disabled. Fix it, turn it on again, and re-send what it missed from its delivery log."
    )
    # The third is not sent at all.
    sent = len(receiver.received)
    assert delivery_attempt(delivery_id=deliveries[2].pk, round=1) == (Outcome.FAILED, None)
    assert len(receiver.received) == sent == 4
    assert Delivery.objects.get(pk=deliveries[2].pk).last_error == "endpoint disabled"


def test_a_success_starts_the_count_of_failures_afresh(world, publish, receiver, settings, global_endpoint, enqueued):
    endpoint, _secret = global_endpoint
    Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=5)
    delivery = only_delivery(publish())
    delivery_attempt(delivery_id=delivery.pk, round=1)
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_a_delivery_sent_again_carries_the_same_event_id(
    world, publish, django_capture_on_commit_callbacks, receiver, global_endpoint, enqueued
):
    delivery = only_delivery(publish())
    delivery_attempt(delivery_id=delivery.pk, round=1)

    with django_capture_on_commit_callbacks(execute=True):
        delivery = delivery_redeliver(delivery=delivery)

    assert (delivery.round, delivery.attempts, delivery.status) == (2, 0, "pending")
    assert enqueued[-1] == (delivery.pk, 2)
    assert delivery_attempt(delivery_id=delivery.pk, round=1) == (Outcome.SKIPPED, None)  # a stale retry
    assert delivery_attempt(delivery_id=delivery.pk, round=2) == (Outcome.DELIVERED, None)
    first, second = receiver.received
    assert json.loads(first.body)["id"] == json.loads(second.body)["id"] == str(delivery.event_id)


def test_the_same_event_announced_twice_is_delivered_once(world, publish, receiver, global_endpoint, enqueued):
    endpoint_create(user=world.users["admin"], url=receiver.url + "2", events=["submission.graded"])

    first = publish(key="42")
    second = publish(key="42")

    assert first.pk == second.pk
    assert Event.objects.count() == 1
    assert Delivery.objects.filter(event=first).count() == 2
    assert len(enqueued) == 2  # the second announcement enqueued nothing
    for delivery_id, round_ in enqueued:
        delivery_attempt(delivery_id=delivery_id, round=round_)
        assert delivery_attempt(delivery_id=delivery_id, round=round_) == (Outcome.SKIPPED, None)
    assert len(receiver.received) == 2


def test_the_sweep_enqueues_again_what_a_lost_message_left_pending(
    world, publish, receiver, global_endpoint, enqueued, monkeypatch
):
    import datetime as dt

    from django.utils import timezone

    from webhooks.services.deliveries import deliveries_sweep

    receiver.statuses = [500]
    lost = only_delivery(publish(key="lost"))  # its message never arrives
    retried = only_delivery(publish(key="retried"))
    delivery_attempt(delivery_id=retried.pk, round=1)  # a 500: a retry due in 30 s, whose message is lost too
    fresh = only_delivery(publish(key="fresh"))
    sent = []
    monkeypatch.setattr(
        "webhooks.services.deliveries.celery_app.send_task", lambda name, args, queue: sent.append((name, args, queue))
    )
    later = timezone.now() + dt.timedelta(seconds=400)
    Delivery.objects.filter(pk=fresh.pk).update(created_at=later - dt.timedelta(seconds=10))

    assert deliveries_sweep(now=later) == 2
    assert sorted(sent) == sorted(
        [("webhooks.deliver", [lost.pk, 1, 0], "webhooks"), ("webhooks.deliver", [retried.pk, 1, 1], "webhooks")]
    )
    assert deliveries_sweep(now=later) == 0  # not again before another grace period
    assert delivery_attempt(delivery_id=lost.pk, round=1, after=0) == (Outcome.DELIVERED, None)
