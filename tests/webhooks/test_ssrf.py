"""SSRF: with the private-address allowance off (as in production), private, loopback, link-local and other
non-public addresses are refused when an endpoint is registered, and again at delivery, where the host is resolved
and the connection made to the address that was checked: a DNS answer that changes after registration (rebinding)
reaches nothing."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from rest_framework.test import APIClient

from webhooks.models import Delivery, Endpoint
from webhooks.net import URL_NOT_HTTPS, URL_NOT_PUBLIC, address_is_public
from webhooks.services import delivery_attempt, endpoint_create, event_publish
from webhooks.services.deliveries import Outcome

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"


def answer(*addresses: str):
    """A getaddrinfo that answers `addresses` for any host (numeric hosts keep their own answer)."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)
            return real(host, port, *args, **kwargs)
        except ValueError:
            pass
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    return getaddrinfo


@pytest.fixture
def staff_api(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users["admin"])
    return client


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://127.0.0.1/hook", "127.0.0.1"),
        ("https://10.1.2.3/hook", "10.1.2.3"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("https://[::1]/hook", "::1"),
        ("https://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1"),
        ("https://[fe80::1]/hook", "fe80::1"),
        ("https://0.0.0.0/hook", "0.0.0.0"),  # noqa: S104
        ("https://100.64.0.1/hook", "100.64.0.1"),
        ("https://224.0.0.1/hook", "224.0.0.1"),
        ("https://localhost:8443/hook", "127.0.0.1"),
    ],
)
def test_registering_a_url_with_a_non_public_address_is_a_400_naming_it(world, staff_api, url, address):
    response = staff_api.post("/api/v1/webhooks/", {"url": url, "events": ["review.created"]}, format="json")

    assert response.status_code == 400, response.content
    host = url.split("//")[1].split("/")[0].rsplit(":", 1)[0] if "localhost" in url else None
    (message,) = response.json()["url"]
    if host is None:
        assert message.startswith("The host ") and message.endswith(
            f"has the address {address}, which is not a public address."
        )
    else:
        assert message.startswith(f"The host {host} has the address ")  # localhost: 127.0.0.1 or ::1, as resolved
    assert not Endpoint.objects.exists()


def test_a_url_that_is_not_https_is_refused(world, staff_api):
    response = staff_api.post(
        "/api/v1/webhooks/", {"url": f"http://{PUBLIC}/", "events": ["review.created"]}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"url": [str(URL_NOT_HTTPS)]})


def test_a_host_with_one_private_address_among_public_ones_is_refused(world, staff_api, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", answer(PUBLIC, "10.0.0.5"))
    response = staff_api.post(
        "/api/v1/webhooks/", {"url": "https://hooks.example.org/", "events": ["review.created"]}, format="json"
    )
    assert response.json() == {"url": [str(URL_NOT_PUBLIC) % {"host": "hooks.example.org", "address": "10.0.0.5"}]}


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC, True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("::", False),
        ("ff02::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("198.51.100.7", False),  # documentation
        ("240.0.0.1", False),  # reserved
    ],
)
def test_address_rule(address, public):
    assert address_is_public(ipaddress.ip_address(address)) is public


def public_delivery(world, monkeypatch) -> Delivery:
    """An admin's endpoint at hooks.example.org, which answers a public address, with one pending delivery (not
    enqueued: the test attempts it)."""
    monkeypatch.setattr(socket, "getaddrinfo", answer(PUBLIC))
    endpoint, _secret = endpoint_create(
        user=world.users["admin"], url="https://hooks.example.org/pathwise", events=["submission.graded"]
    )
    monkeypatch.setattr("webhooks.services.events.delivery_enqueue", lambda **kwargs: None)
    event_publish(event_type="submission.graded", key="1", learner_id=world.users["learner"].pk, data={})
    (delivery,) = Delivery.objects.filter(endpoint=endpoint)
    return delivery


def test_an_address_that_changes_after_registration_is_refused_at_delivery(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    delivery = public_delivery(world, monkeypatch)

    # Rebinding: the same name now answers a loopback address. Nothing may connect anywhere.
    monkeypatch.setattr(socket, "getaddrinfo", answer("127.0.0.1"))
    connected = []
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: connected.append(args))

    outcome = delivery_attempt(delivery_id=delivery.pk, round=1)

    assert outcome == (Outcome.RETRY, 30.0)
    assert connected == []
    delivery.refresh_from_db()
    assert delivery.last_error == (
        "refused: The host hooks.example.org has the address 127.0.0.1, which is not a public address."
    )
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, None)


def test_delivery_connects_to_the_address_it_checked(world, monkeypatch):
    """The connection goes to the checked address; the host name stays for TLS and the Host header."""
    delivery = public_delivery(world, monkeypatch)
    connected = []

    def refuse(address, *args, **kwargs):
        connected.append(address)
        raise ConnectionRefusedError("test: no network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    assert delivery_attempt(delivery_id=delivery.pk, round=1) == (Outcome.RETRY, 30.0)
    assert connected == [(PUBLIC, 443)]
