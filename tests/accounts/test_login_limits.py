"""Sign-in cannot be brute-forced (issue 16, finding 1): failed tries are limited per account and per client
address, on the page and the API alike; X-Forwarded-For is believed only behind as many proxies as configured; the
counts live in a cache all processes share."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.workers import django_database_url, own_broker_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-correct-horse"
TOO_MANY = "Too many failed login attempts. Try again later."


def page_login(login: str, password: str, **headers) -> tuple[int, str]:
    response = Client(**headers).post("/accounts/login/", {"login": login, "password": password})
    return response.status_code, response.content.decode()


def api_login(login: str, password: str, **headers) -> tuple[int, dict]:
    response = APIClient(**headers).post("/api/v1/auth/token/", {"username": login, "password": password})
    return response.status_code, response.json()


def test_page_locks_an_account_after_five_failures_even_for_the_right_password():
    UserFactory(username="ada")
    statuses = [page_login("ada", f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")[0] for n in range(5)]
    assert statuses == [200] * 5  # the form again, with an error
    status, page = page_login("ada", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert status == 200
    assert TOO_MANY in page


def test_username_and_email_share_one_counter():
    UserFactory(username="ada", email="ada@example.org")
    for n in range(3):
        page_login("ada", f"guess-{n}")
    for n in range(2):
        page_login("ada@example.org", f"guess-{n}")
    assert TOO_MANY in page_login("ADA@example.org", PASSWORD)[1]


def test_api_and_page_failures_count_together_per_account():
    UserFactory(username="ada")
    for n in range(3):
        page_login("ada", f"guess-{n}", REMOTE_ADDR=f"192.0.2.{n}")
    for n in range(2):
        assert api_login("ada", f"guess-{n}", REMOTE_ADDR=f"198.51.100.{n}")[0] == 400
    assert api_login("ada", PASSWORD, REMOTE_ADDR="203.0.113.7") == (429, {"detail": TOO_MANY})


def test_a_correct_password_does_not_reset_the_failure_count():
    """A brute-forcer who also knows one valid password (their own) cannot interleave it to clear the counter."""
    UserFactory(username="ada")
    for n in range(4):
        api_login("ada", f"guess-{n}")
    assert api_login("ada", PASSWORD)[0] == 200
    assert api_login("ada", "guess-5")[0] == 400
    assert api_login("ada", PASSWORD)[0] == 429


def test_one_client_address_is_limited_across_accounts():
    for n in range(11):
        UserFactory(username=f"user{n}")
    statuses = [api_login(f"user{n}", "wrong", REMOTE_ADDR="192.0.2.10")[0] for n in range(11)]
    assert statuses == [400] * 10 + [429]
    # Another client is not affected.
    assert api_login("user10", PASSWORD, REMOTE_ADDR="192.0.2.11")[0] == 200


def test_a_new_forwarded_for_per_try_is_ignored_without_trusted_proxies(monkeypatch):
    """The API throttle (`auth` rate) keyed on X-Forwarded-For before: a new value per try was never throttled."""
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "3/min", "submissions": "10/min"})
    statuses = [
        api_login("nobody", "wrong", REMOTE_ADDR="192.0.2.20", HTTP_X_FORWARDED_FOR=f"10.1.{n}.1")[0] for n in range(4)
    ]
    assert statuses == [400, 400, 400, 429]


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(settings, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    settings.PATHWISE_TRUSTED_PROXIES = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min", "submissions": "10/min"})
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # Two clients behind the same proxy: each has its own count (the proxy appends the real address last).
    first = [api_login("nobody", "x", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.30", **proxy)[0] for _ in range(3)]
    second = api_login("nobody", "x", HTTP_X_FORWARDED_FOR="192.0.2.31", **proxy)[0]
    assert (first, second) == ([400, 400, 429], 400)
    # What the client itself put in front does not change who it is.
    spoofed = api_login("nobody", "x", HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.30", **proxy)[0]
    assert spoofed == 429


SHARED_CACHE_SCRIPT = """
import django, json, os, sys
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
statuses = []
for n in range(int(sys.argv[1])):
    response = Client().post("/api/v1/auth/token/", {"username": "ada", "password": sys.argv[2]},
                             content_type="application/json", REMOTE_ADDR=f"192.0.2.{n + int(sys.argv[3])}")
    statuses.append(response.status_code)
print(json.dumps(statuses))
"""


@pytest.mark.slow
def test_limits_hold_across_processes_with_the_shared_cache(transactional_db, settings):
    """Two separate processes (two web workers) with CACHE_URL=redis://: the second sees the first's failures."""
    UserFactory(username="ada")
    broker = own_broker_url()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": django_database_url(),
        "CACHE_URL": broker,
        "PATHWISE_EMAIL_VERIFICATION": "optional",
    }
    import redis

    redis.Redis.from_url(broker).flushdb()

    def run(tries: int, password: str, first_ip: int) -> list[int]:
        result = subprocess.run(
            [sys.executable, "-c", SHARED_CACHE_SCRIPT, str(tries), password, str(first_ip)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    try:
        assert run(3, "wrong", 1) == [400, 400, 400]
        assert run(3, "wrong", 11) == [400, 400, 429]
        assert run(1, PASSWORD, 21) == [429]
    finally:
        redis.Redis.from_url(broker).flushdb()
