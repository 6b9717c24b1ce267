"""The admin: endpoints pass the API's URL check and get a secret; deliveries are re-sent by an action."""

from __future__ import annotations

import pytest

from webhooks.models import Delivery, Endpoint, Event

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_private_url_and_gives_a_new_endpoint_a_secret(world, client):
    client.force_login(world.users["admin"])
    form = {"owner": world.users["admin"].pk, "url": "https://169.254.169.254/", "events": ["review.created"]}
    form["active"] = "on"
    response = client.post("/admin/webhooks/endpoint/add/", form)
    assert response.status_code == 200
    assert "which is not a public address" in response.content.decode()
    assert not Endpoint.objects.exists()

    form["url"] = "https://93.184.216.34/hook"
    assert client.post("/admin/webhooks/endpoint/add/", form).status_code == 302
    (endpoint,) = Endpoint.objects.all()
    assert endpoint.secret.startswith("whsec_") and endpoint.events == ["review.created"]


def test_the_admin_resends_deliveries(world, client, enqueued, django_capture_on_commit_callbacks):
    endpoint = Endpoint.objects.create(
        owner=world.users["admin"], url="https://93.184.216.34/hook", events=["review.created"], secret="whsec_x"
    )
    event = Event.objects.create(type="review.created", learner=world.users["learner"], data={})
    delivery = Delivery.objects.create(endpoint=endpoint, event=event, status="failed", attempts=15)
    client.force_login(world.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/webhooks/delivery/", {"action": "redeliver", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    assert enqueued == [(delivery.pk, 2)]
    assert Delivery.objects.get(pk=delivery.pk).status == "pending"
