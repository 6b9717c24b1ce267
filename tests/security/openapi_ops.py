"""The API's operations as its OpenAPI schema lists them, for tests that must cover every endpoint: a new endpoint is
covered without being listed anywhere, and a path parameter `fill` cannot fill fails the test that needs it (add a
sample for it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drf_spectacular.generators import SchemaGenerator

from tests.security.conftest import SecurityWorld

BIG = 10**30
DEEP = "[" * 100_000 + "]" * 100_000
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
PAGINATION = {"page", "page_size"}  # DRF's: a page number past the end is 404, a page size is clamped
OPERATIONS = [(m.upper(), path, op) for path, ops in SCHEMA["paths"].items() for m, op in ops.items()]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def integer_paths(schema: dict[str, Any], prefix: tuple = ()) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """(path of keys, schema) of every integer a body may hold; "[]" stands for an array's item."""
    schema = resolve(schema)
    if schema.get("type") == "integer":
        yield prefix, schema
    for name, sub in schema.get("properties", {}).items():
        yield from integer_paths(sub, (*prefix, name))
    if "items" in schema:
        yield from integer_paths(schema["items"], (*prefix, "[]"))


def body_with(keys: tuple, value: Any) -> Any:
    if not keys:
        return value
    if keys[0] == "[]":
        return [body_with(keys[1:], value)]
    return {keys[0]: body_with(keys[1:], value)}


def json_body(op: dict[str, Any]) -> dict[str, Any] | None:
    return op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")


JSON_OPS = [(m, p) for m, p, op in OPERATIONS if json_body(op)]
INT_BODY_FIELDS = [(m, p, keys) for m, p, op in OPERATIONS if json_body(op) for keys, _ in integer_paths(json_body(op))]
INT_QUERY_PARAMS = [
    (m, p, q["name"])
    for m, p, op in OPERATIONS
    for q in op.get("parameters", [])
    if q["in"] == "query" and q["schema"].get("type") == "integer" and q["name"] not in PAGINATION
]
INT_PATH_PARAMS = [
    (m, p)
    for m, p, op in OPERATIONS
    if any(q["in"] == "path" and q["schema"].get("type") == "integer" for q in op.get("parameters", []))
]


def fill(path: str, world: SecurityWorld, *, integer: int | None = None) -> str:
    """A concrete URL of learner A's own resources (so the request gets past its permission checks)."""
    resource = path.split("/")[3]
    if resource == "mentoring":
        resource = "/".join(path.split("/")[3:5])
    samples = {
        ("enrolments", "id"): world.enrolment.pk,
        ("submissions", "id"): world.softmax_1.pk,
        ("exercises", "slug"): world.softmax.slug,
        ("milestones", "slug"): world.b.slug,
        ("progress", "slug"): world.a.slug,
        ("tracks", "slug"): world.track.slug,
        ("auth", "id"): world.token.pk,
        ("sign-offs", "learner"): world.users["learner"].pk,
        ("sign-offs", "milestone"): world.portfolio.slug,
        ("cohorts", "id"): world.cohort.pk,
        ("cohorts", "invitation_id"): world.invitation.pk,
        ("cohorts", "learner_id"): world.users["learner"].pk,
        ("mentoring/requests", "id"): world.request.pk,
        ("mentoring/mentorships", "id"): world.mentorship.pk,
        ("notes", "slug"): world.b.slug,
        ("review", "card_id"): world.card.pk,
        ("webhooks", "id"): world.webhook.pk,
        ("webhooks", "delivery_id"): world.delivery.pk,
        ("leaderboards", "slug"): world.model.slug,
        ("leaderboards", "cohort_id"): world.cohort.pk,
    }
    names = ("id", "slug", "learner", "milestone", "invitation_id", "learner_id", "card_id", "delivery_id", "cohort_id")
    for name in names:
        if "{" + name + "}" in path:
            assert (resource, name) in samples, f"add a sample {{{name}}} of {resource!r} for {path}"
            path = path.replace("{" + name + "}", str(integer if integer is not None else samples[resource, name]))
    return path


# Operations learner A may not call at all: they are checked before the body is read (a caller without the right is
# refused before their payload is parsed), so the tests that need the body parsed call them as A's mentor.
MENTOR_OPS = {
    ("POST", "/api/v1/exercises/{slug}/regrade/"),
    ("POST", "/api/v1/submissions/{id}/regrade/"),
    # Webhooks: only mentors (for their cohorts) and staff have any; A's mentor manages the cohort's endpoint.
    ("POST", "/api/v1/webhooks/"),
    ("PATCH", "/api/v1/webhooks/{id}/"),
}


def caller(method: str, path: str) -> str:
    """The role (a key of SecurityWorld.users) whose request gets past the operation's permission check."""
    return "mentor" if (method, path) in MENTOR_OPS else "learner"


def anonymous_allowed(op: dict[str, Any]) -> bool:
    return not op.get("security") or {} in op["security"]


def url_routes(patterns, prefix: str = "") -> Iterator[str]:
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def page_routes_with_ids() -> list[str]:
    """Every page route (the URLconf, not the API's schema) with an integer in its path: a new one is covered."""
    from django.urls import get_resolver

    return [r for r in url_routes(get_resolver().url_patterns) if "<int:" in r and not r.startswith(("api/", "admin/"))]
