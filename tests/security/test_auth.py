"""Tokens can be revoked, production hashes passwords with Django's default, pages and session-authenticated API
writes need a CSRF token (API writes with a token do not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.security.conftest import SecurityWorld
from tests.security.matrix import ROUTES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def token_of(world: SecurityWorld, client: APIClient) -> str:
    """A new API token of the learner's, asked for with their username and password."""
    response = client.post(
        "/api/v1/auth/token/",
        {"username": world.users["learner"].username, "password": "pw-correct-horse"},
        format="json",
    )
    return response.json()["token"]


def test_revoked_token_no_longer_authenticates_and_a_new_one_differs(world: SecurityWorld):
    client = APIClient()
    first = token_of(world, client)
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.get("/api/v1/me/").json()["username"] == world.users["learner"].username

    assert client.delete("/api/v1/auth/token/").status_code == 204

    assert client.get("/api/v1/me/").status_code == 401
    client.credentials()
    second = token_of(world, client)
    assert second != first
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.get("/api/v1/me/").status_code == 401


def test_wrong_password_gets_no_token(world: SecurityWorld):
    from accounts.api.views import INVALID_CREDENTIALS

    response = APIClient().post(
        "/api/v1/auth/token/", {"username": world.users["learner"].username, "password": "nope"}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [INVALID_CREDENTIALS]})


@pytest.mark.slow
def test_production_hashes_passwords_with_djangos_default_hasher():
    """The test settings use MD5 and raised throttles for speed only; production keeps Django's default hashers
    (PBKDF2 first) and throttles submissions per learner to 10 a minute, sign-ins to 20."""
    code = (
        "import django, json; django.setup()\n"
        "from django.conf import global_settings, settings\n"
        "from django.contrib.auth.hashers import make_password\n"
        "print(json.dumps([settings.PASSWORD_HASHERS == global_settings.PASSWORD_HASHERS,"
        " make_password('x').split('$')[0], settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "p" * 30 + "-a-long-random-production-secret-for-the-test-" + "q" * 10,
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "PATHWISE_LEADERBOARD_SEED": "l" * 40,
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        True,
        "pbkdf2_sha256",
        {"submissions": "10/min", "auth": "20/min"},
    ]


PAGE_WRITES = sorted(
    name
    for name, route in ROUTES.items()
    if not name.startswith(("api-", "admin:")) and name not in ("schema", "swagger-ui", "redoc")
)


@pytest.mark.parametrize("name", PAGE_WRITES)
def test_page_posts_without_a_csrf_token_are_refused(world: SecurityWorld, name: str):
    route = ROUTES[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["mentor"] if "mentor" in name or "review" in name else world.users["learner"])
    url = reverse(name, kwargs=route.kwargs(world)) + route.query(world)
    response = client.post(url, route.body(world))
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_page_post_with_the_csrf_token_is_accepted(world: SecurityWorld):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["learner"])
    client.get("/exercises/softmax/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/notifications/read/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_api_writes_with_a_session_need_csrf_but_with_a_token_do_not(world: SecurityWorld):
    body = json.dumps({"ids": []})
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.users["learner"])
    refused = session.post("/api/v1/notifications/read/", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    token = APIClient(enforce_csrf_checks=True)
    key = token_of(world, token)
    token.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert token.post("/api/v1/notifications/read/", body, content_type="application/json").status_code == 200


def test_throttled_submission_says_when_to_retry_and_uses_no_quota(world: SecurityWorld, monkeypatch):
    """Besides the daily quota: a learner past the per-minute rate gets 429 with Retry-After; nothing is stored,
    so the refused request does not count against the day's quota."""
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    from exercises.services import quota_get

    cache.clear()
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"submissions": "2/min", "auth": "20/min"})
    client = APIClient()
    client.force_authenticate(world.users["other_learner"])
    body = {"exercise": "softmax", "source": "def softmax(x, axis=-1):\n    return x\n"}
    codes = [client.post("/api/v1/submissions/", body, format="json").status_code for _ in range(3)]
    refused = client.post("/api/v1/submissions/", body, format="json")
    assert codes == [201, 201, 429]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()
    assert (
        quota_get(user=world.users["other_learner"], exercise=world.softmax).used == 1 + 2
    )  # the fixture's one, then two
    cache.clear()
