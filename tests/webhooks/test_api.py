"""The webhooks API: register (the secret shown once), read (never the secret), change, rotate, delete, the delivery
log and re-sending; who may do each is in tests/security/test_permission_matrix.py, bad input in test_bad_input.py."""

from __future__ import annotations

import pytest

from webhooks.api.views import UNKNOWN_COHORT
from webhooks.models import Delivery, Endpoint, Event
from webhooks.services.endpoints import EVENT_UNKNOWN, GLOBAL_STAFF_ONLY

pytestmark = pytest.mark.django_db

URL = "https://93.184.216.34/hook"  # a public address: no DNS needed


@pytest.fixture
def mira(world, client_for):
    return client_for(world.users["mentor"])


@pytest.fixture
def registered(world, cohort, mira):
    response = mira.post(
        "/api/v1/webhooks/",
        {"url": URL, "events": ["review.created", "submission.graded"], "cohort": cohort.pk, "description": "CI"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_registering_shows_the_secret_once(world, cohort, mira, registered):
    assert registered["secret"].startswith("whsec_") and len(registered["secret"]) > 40
    assert {k: registered[k] for k in ("url", "events", "cohort", "owner", "active", "description")} == {
        "url": URL,
        "events": ["review.created", "submission.graded"],
        "cohort": cohort.pk,
        "owner": "mira",
        "active": True,
        "description": "CI",
    }
    detail = mira.get(f"/api/v1/webhooks/{registered['id']}/").json()
    listed = mira.get("/api/v1/webhooks/").json()["results"]
    assert "secret" not in detail and [e["id"] for e in listed] == [registered["id"]]
    assert all("secret" not in e for e in listed)


def test_rotating_gives_a_new_secret_that_signs_from_then_on(world, mira, registered):
    response = mira.post(f"/api/v1/webhooks/{registered['id']}/rotate-secret/")
    assert response.status_code == 200
    new = response.json()["secret"]
    assert new != registered["secret"]
    assert Endpoint.objects.get(pk=registered["id"]).secret == new


def test_a_mentor_registers_nothing_global_and_nothing_for_anothers_cohort(world, cohort, client_for):
    omar = client_for(world.users["other_mentor"])
    response = omar.post("/api/v1/webhooks/", {"url": URL, "events": ["review.created"]}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": str(GLOBAL_STAFF_ONLY)})
    response = omar.post(
        "/api/v1/webhooks/", {"url": URL, "events": ["review.created"], "cohort": cohort.pk}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"cohort": [str(UNKNOWN_COHORT)]})


def test_staff_register_global_endpoints(world, client_for):
    response = client_for(world.users["admin"]).post(
        "/api/v1/webhooks/", {"url": URL, "events": ["signoff.created"]}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["cohort"] is None


def test_unknown_events_are_a_400_naming_them(world, cohort, mira):
    response = mira.post(
        "/api/v1/webhooks/", {"url": URL, "events": ["user.deleted"], "cohort": cohort.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"events": {"0": ['"user.deleted" is not a valid choice.']}}
    assert str(EVENT_UNKNOWN)  # the service's own message, for callers that skip the serializer


def test_turning_a_disabled_endpoint_on_again_starts_its_failures_afresh(world, mira, registered):
    Endpoint.objects.filter(pk=registered["id"]).update(active=False, consecutive_failures=20)
    response = mira.patch(f"/api/v1/webhooks/{registered['id']}/", {"active": True}, format="json")
    assert response.status_code == 200
    assert (response.json()["active"], response.json()["consecutive_failures"]) == (True, 0)


def test_changing_the_url_checks_it_again(world, mira, registered):
    response = mira.patch(f"/api/v1/webhooks/{registered['id']}/", {"url": "https://10.0.0.1/"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["url"]
    assert Endpoint.objects.get(pk=registered["id"]).url == URL


def test_the_delivery_log_filters_by_status_and_a_delivery_can_be_sent_again(
    world, mira, registered, enqueued, django_capture_on_commit_callbacks
):
    endpoint = Endpoint.objects.get(pk=registered["id"])
    event = Event.objects.create(type="review.created", learner=world.users["learner"], data={})
    failed = Delivery.objects.create(endpoint=endpoint, event=event, status="failed", attempts=15, response_code=500)
    base = f"/api/v1/webhooks/{endpoint.pk}/deliveries/"

    assert [d["id"] for d in mira.get(base + "?status=failed").json()["results"]] == [failed.pk]
    assert mira.get(base + "?status=succeeded").json()["results"] == []
    assert list(mira.get(base + "?status=odd").json()) == ["status"]
    with django_capture_on_commit_callbacks(execute=True):
        response = mira.post(f"{base}{failed.pk}/redeliver/")
    assert response.status_code == 202
    assert (response.json()["status"], response.json()["attempts"], response.json()["event_id"]) == (
        "pending",
        0,
        str(event.id),
    )
    assert enqueued == [(failed.pk, 2)]

    Endpoint.objects.filter(pk=endpoint.pk).update(active=False)
    response = mira.post(f"{base}{failed.pk}/redeliver/")
    assert response.status_code == 400


def test_deleting_an_endpoint_deletes_its_log(world, mira, registered):
    assert mira.delete(f"/api/v1/webhooks/{registered['id']}/").status_code == 204
    assert not Endpoint.objects.exists() and not Delivery.objects.exists()


def test_a_learner_sees_no_endpoints_and_registers_none(world, registered, client_for):
    lena = client_for(world.users["learner"])
    assert lena.get("/api/v1/webhooks/").json()["results"] == []
    assert lena.get(f"/api/v1/webhooks/{registered['id']}/").status_code == 404
    response = lena.post("/api/v1/webhooks/", {"url": URL, "events": ["review.created"]}, format="json")
    assert response.status_code == 403
