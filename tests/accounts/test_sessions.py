"""Sessions live in the shared cache, written through to the database (SESSION_ENGINE cached_db): a signed-in page
reads its session without a query, a lost cache costs a query but no sign-out, and a deactivated account is out at
once whatever the cache holds."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def session_queries(client, path: str = "/accounts/notifications/") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, sum("django_session" in q["sql"] for q in queries.captured_queries)


def test_a_signed_in_page_reads_its_session_from_the_cache(client):
    client.force_login(UserFactory(username="ada"))
    assert session_queries(client) == (200, 0)


def test_a_cache_that_lost_the_session_falls_back_to_the_database(client):
    client.force_login(UserFactory(username="ada"))
    cache.clear()
    assert session_queries(client) == (200, 1)
    assert session_queries(client) == (200, 0)  # cached again by that read


def test_a_deactivated_account_is_signed_out_although_its_session_is_cached(client):
    ada = UserFactory(username="ada")
    client.force_login(ada)
    assert client.get("/accounts/notifications/").status_code == 200
    type(ada).objects.filter(pk=ada.pk).update(is_active=False)
    response = client.get("/accounts/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_signing_out_ends_the_cached_session(client):
    client.force_login(UserFactory(username="ada"))
    key = client.session.session_key
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = key  # replaying the old cookie
    response = client.get("/accounts/notifications/")
    assert response.status_code == 302
