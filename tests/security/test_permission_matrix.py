"""Every API endpoint and page x {anonymous, learner A, learner B, A's mentor, another mentor, admin} x {read, write}.

Every targeted resource belongs to learner A (A's submission, enrolment, progress; `?user=`/`?learner=` A on
collections). The routes come from the URL resolver, so a new endpoint or page fails
`test_every_route_is_in_the_matrix` until its row is written in tests/security/matrix/ (the rules it may name are in
matrix/rules.py).

Reading the table: API answers 401 to anonymous callers and pages send them to the login page (302), except the
public curriculum (stages, tracks, milestones, exercise statements, and the catalogue pages), which anyone reads. A's data is
visible to A, A's mentor and staff; to everyone else it does not exist (404). Mentors read but never change
their learner's data (403), except reviews (a mentor of the learner only) and milestone sign-offs (a mentor of the
learner or staff: one rule, planner.permissions.can_sign_off_milestone).

Cohorts: A's mentor runs the cohort A joined, so for cohort routes the roles read: anonymous, a member learner, another
learner, the cohort's mentor, another mentor, staff. A cohort exists only for its mentors and staff (404 to everyone
else, its members included, who see their memberships instead); joining goes by the invitation code, never the id.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests.security.conftest import SecurityWorld
from tests.security.matrix import ROUTES
from tests.security.matrix.rules import Route
from tests.world import ROLES

pytestmark = pytest.mark.django_db


# Pages an anonymous visitor uses on purpose: their redirects go on with the flow (sign-in, sign-up, password reset,
# the verification link), not to the sign-in page.
ANON_REDIRECTS_ELSEWHERE = {
    "login",
    "logout",
    "set_language",
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_from_key",
    "account_confirm_email",
}


def enumerate_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if (pattern.namespace or namespace) == "admin":
                    names.add("admin:index")  # Django's admin: one row (staff only) stands for it
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed route {pattern.pattern}: name it so the matrix can list it"
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_is_in_the_matrix():
    routes = enumerate_routes()
    assert sorted(routes - set(ROUTES)) == [], "new routes: add their rows to ROUTES"
    assert sorted(set(ROUTES) - routes) == [], "rows for routes that no longer exist"


def client_for(role: str, world: SecurityWorld, api: bool) -> Client:
    client: Client = APIClient() if api else Client()
    if role != "anonymous":
        user = world.users[role]
        if api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
    return client


def status_of(name: str, route: Route, world: SecurityWorld, role: str, action: str) -> int:
    url = reverse(name, kwargs=route.kwargs(world)) + route.query(world)
    api = url.startswith("/api/v1/")
    client = client_for(role, world, api)
    # Each request in its own savepoint, rolled back: a write by one role never changes what the next one sees; and
    # with fresh rate limits (allauth's and DRF's count in the cache, which no rollback resets).
    cache.clear()
    with transaction.atomic():
        if action == "read":
            response = client.get(url)
        elif api:
            response = getattr(client, route.write)(url, route.body(world), format="json")
        else:
            response = getattr(client, route.write)(url, route.body(world))
        transaction.set_rollback(True)
    if role == "anonymous" and response.status_code == 302 and name not in ANON_REDIRECTS_ELSEWHERE:
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), (name, response["Location"])
    return response.status_code


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_permission_matrix(world, name):
    route = ROUTES[name]
    actual = {
        action: " ".join(str(status_of(name, route, world, role, action)) for role in ROLES)
        for action in ("read", "write")
    }
    assert actual == {"read": route.expect.read, "write": route.expect.write}
