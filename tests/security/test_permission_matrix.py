"""Every API endpoint and page x {anonymous, learner A, learner B, A's mentor, another mentor, admin} x {read, write}.

Every targeted resource belongs to learner A (A's submission, enrolment, progress; `?user=`/`?learner=` A on
collections). The routes come from the URL resolver, so a new endpoint or page fails
`test_every_route_is_in_the_matrix` until its row is written here.

Reading the table: API answers 401 to anonymous callers, pages send them to the login page (302). A's data is
visible to A, A's mentor and staff; to everyone else it does not exist (404). Mentors read but never change
their learner's data (403), except reviews (a mentor of the learner only) and milestone sign-offs (a mentor of the
learner or staff: one rule, planner.permissions.can_sign_off_milestone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests.security.conftest import ROLES, World

pytestmark = pytest.mark.django_db

CODE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.asarray(x)\n"


@dataclass(frozen=True)
class Route:
    kwargs: Callable[[World], dict[str, Any]] = lambda w: {}
    query: Callable[[World], str] = lambda w: ""
    write: str = "post"
    body: Callable[[World], dict[str, Any]] = lambda w: {}
    # Expected statuses, one per role in ROLES order: anon A B mentor_A mentor_B admin.
    read_expected: str = ""
    write_expected: str = ""


def user_a(w: World) -> str:
    return f"?user={w.users['A'].pk}"


ROUTES: dict[str, Route] = {
    # --- accounts API ---
    "api-token": Route(body=lambda w: {"username": "learner-a", "password": "pw-correct-horse"},
                       read_expected="401 405 405 405 405 405", write_expected="200 200 200 200 200 200"),
    "api-me": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-notifications": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-notifications-read": Route(read_expected="401 405 405 405 405 405",
                                    write_expected="401 200 200 200 200 200"),
    # --- planner API: the curriculum is read-only for everyone signed in ---
    "api-stage-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-track-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-track-detail": Route(kwargs=lambda w: {"slug": w.track.slug},
                              read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-milestone-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-milestone-detail": Route(kwargs=lambda w: {"slug": w.self_ms.slug},
                                  read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    # --- planner API: A's data ---
    # A write enrols the caller (`?user=` is not read on POST): A and B are enrolled in the track already.
    "api-enrolment-list": Route(query=user_a, body=lambda w: {"track": w.track.slug, "hours_per_week": "5"},
                                read_expected="401 200 404 200 404 200", write_expected="401 400 400 201 201 201"),
    "api-enrolment-detail": Route(kwargs=lambda w: {"pk": w.enrolment_a.pk}, write="patch",
                                  body=lambda w: {"hours_per_week": "6"},
                                  read_expected="401 200 404 200 404 200", write_expected="401 200 404 403 404 200"),
    "api-plan": Route(kwargs=lambda w: {"pk": w.enrolment_a.pk},
                      read_expected="401 200 404 200 404 200", write_expected="401 200 404 403 404 200"),
    "api-self-assessment": Route(query=user_a, body=lambda w: {"known": [w.self_ms.slug]},
                                 read_expected="401 405 405 405 405 405", write_expected="401 200 404 403 404 200"),
    "api-progress-list": Route(query=user_a,
                               read_expected="401 200 404 200 404 200", write_expected="401 405 405 405 405 405"),
    "api-progress-detail": Route(kwargs=lambda w: {"slug": w.self_ms.slug}, query=user_a, write="patch",
                                 body=lambda w: {"state": "in_progress"},
                                 read_expected="401 200 404 200 404 200", write_expected="401 200 404 403 404 200"),
    "api-summary": Route(query=user_a, read_expected="401 200 404 200 404 200",
                         write_expected="401 405 405 405 405 405"),
    # --- exercises API ---
    "api-exercise-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-exercise-detail": Route(kwargs=lambda w: {"slug": "softmax"},
                                 read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    # A write here is a submission of one's own; `?learner=A` reads A's submissions. For B and B's mentor it is an
    # empty page, not a 404 (the planner lists answer 404): test_hidden_data checks that it is empty.
    "api-submission-list": Route(query=lambda w: f"?learner={w.users['A'].pk}",
                                 body=lambda w: {"exercise": "softmax", "source": CODE},
                                 read_expected="401 200 404 200 404 200", write_expected="401 201 201 201 201 201"),
    "api-submission-detail": Route(kwargs=lambda w: {"pk": w.submission_a.pk},
                                   read_expected="401 200 404 200 404 200", write_expected="401 405 405 405 405 405"),
    "api-submission-review": Route(kwargs=lambda w: {"pk": w.submission_a.pk},
                                   body=lambda w: {"verdict": "comment", "body": "Check the axis."},
                                   read_expected="401 405 405 405 405 405", write_expected="401 403 404 201 404 403"),
    "api-review-queue": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-sign-off": Route(body=lambda w: {"learner": w.users["A"].pk, "milestone": w.mentor_ms.slug},
                          read_expected="401 405 405 405 405 405", write_expected="401 403 404 201 404 201"),
    # --- schema and docs: public ---
    "schema": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "swagger-ui": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "redoc": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    # --- pages ---
    "set_language": Route(body=lambda w: {"language": "zh-hans", "next": "/"},
                          read_expected="302 302 302 302 302 302", write_expected="302 302 302 302 302 302"),
    "login": Route(body=lambda w: {"username": "learner-a", "password": "pw-correct-horse"},
                   read_expected="200 200 200 200 200 200", write_expected="302 302 302 302 302 302"),
    "logout": Route(read_expected="405 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "notifications": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "notifications-read": Route(read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "nav-extras": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "exercise-detail": Route(kwargs=lambda w: {"slug": "softmax"},
                             read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "exercise-submit": Route(kwargs=lambda w: {"slug": "softmax"}, body=lambda w: {"source": CODE},
                             read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "submission-diff": Route(kwargs=lambda w: {"slug": "softmax"},
                             query=lambda w: f"?a={w.submission_a.pk}&b={w.submission_a2.pk}",
                             read_expected="302 200 404 200 404 200", write_expected="302 405 405 405 405 405"),
    "submission-detail": Route(kwargs=lambda w: {"pk": w.submission_a.pk},
                               read_expected="302 200 404 200 404 200", write_expected="302 200 404 200 404 200"),
    "submission-status": Route(kwargs=lambda w: {"pk": w.submission_a.pk},
                               read_expected="302 200 404 200 404 200", write_expected="302 405 405 405 405 405"),
    "submission-review": Route(kwargs=lambda w: {"pk": w.submission_a.pk},
                               body=lambda w: {"verdict": "comment", "body": "Check the axis."},
                               read_expected="302 405 405 405 405 405", write_expected="302 404 404 302 404 404"),
    "review-queue": Route(read_expected="302 404 404 200 200 200", write_expected="302 404 404 200 200 200"),
    "dashboard": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    # Own-data pages: without an enrolment (the mentors, the admin) they send you to the enrolment page (302).
    "enrol": Route(body=lambda w: {"track": w.track.pk, "hours_per_week": "5"},
                   read_expected="302 200 200 200 200 200", write_expected="302 400 400 302 302 302"),
    "self-assessment": Route(body=lambda w: {"known": [w.self_ms.slug]},
                             read_expected="302 200 200 302 302 302", write_expected="302 302 302 302 302 302"),
    "plan": Route(body=lambda w: {"hours_per_week": "5"},
                  read_expected="302 200 200 302 302 302", write_expected="302 302 302 302 302 302"),
    "milestone-detail": Route(kwargs=lambda w: {"slug": w.self_ms.slug},
                              read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "milestone-state": Route(kwargs=lambda w: {"slug": w.self_ms.slug}, body=lambda w: {"state": "in_progress"},
                             read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "mentor-home": Route(read_expected="302 404 404 200 200 200", write_expected="302 404 404 200 200 200"),
    "mentor-learner": Route(kwargs=lambda w: {"learner_id": w.users["A"].pk},
                            read_expected="302 404 404 200 404 200", write_expected="302 404 404 200 404 200"),
    "mentor-sign-off": Route(kwargs=lambda w: {"learner_id": w.users["A"].pk, "slug": w.mentor_ms.slug},
                             read_expected="302 405 405 405 405 405", write_expected="302 404 404 302 404 302"),
    # --- Django admin: its index stands for the whole site; staff only ---
    "admin:index": Route(read_expected="302 302 302 302 302 200", write_expected="302 302 302 302 302 200"),
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


def client_for(role: str, world: World, api: bool) -> Client:
    client: Client = APIClient() if api else Client()
    if role != "anon":
        user = world.users[role]
        if api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
    return client


def status_of(name: str, route: Route, world: World, role: str, action: str) -> int:
    url = reverse(name, kwargs=route.kwargs(world)) + route.query(world)
    api = url.startswith("/api/v1/")
    client = client_for(role, world, api)
    # Each request in its own savepoint, rolled back: a write by one role never changes what the next one sees.
    with transaction.atomic():
        if action == "read":
            response = client.get(url)
        elif api:
            response = getattr(client, route.write)(url, route.body(world), format="json")
        else:
            response = getattr(client, route.write)(url, route.body(world))
        transaction.set_rollback(True)
    if role == "anon" and response.status_code == 302 and name not in ("login", "logout", "set_language"):
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), (name, response["Location"])
    return response.status_code


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_permission_matrix(world, name):
    route = ROUTES[name]
    actual = {
        action: " ".join(str(status_of(name, route, world, role, action)) for role in ROLES)
        for action in ("read", "write")
    }
    assert actual == {"read": route.read_expected, "write": route.write_expected}
