"""The OpenAPI schema generates without warnings and validates, and the API keeps to it: schemathesis drives every
operation of /api/schema/ against the Django WSGI app (no server), as a signed-in learner with real data; no
response is a server error and every documented response matches its schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from accounts.services.tokens import api_token_create
from tests.security.conftest import SecurityWorld, world  # noqa: F401 - the fixture, shared with the security tests

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


def test_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {"/api/v1/submissions/", "/api/v1/milestones/", "/api/v1/exercises/{slug}/"} <= paths
    # Artefacts: the submission takes a link, a write-up and a notebook; a mentor posts the rubric scores.
    assert "/api/v1/submissions/{id}/rubric-scores/" in paths
    create = document["components"]["schemas"]["SubmissionCreateInputRequest"]["properties"]
    assert {"url", "writeup", "notebook", "notebook_file"} <= set(create)
    scores = document["components"]["schemas"]["ArtefactScoreInputRequest"]["properties"]
    assert set(scores) == {"scores", "body"}
    assert "rubric" in document["components"]["schemas"]["ReviewOutput"]["properties"]


@pytest.fixture
def auth_header(world: SecurityWorld) -> Iterator[dict[str, str]]:  # noqa: F811
    _token, key = api_token_create(user=world.users["learner"], name="schemathesis")
    # The raw WSGI app closes the database connection after each request; inside the test's transaction that
    # would end the test. Django's own test client detaches the same receivers for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Token {key}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_responses_match_the_schema_and_are_never_server_errors(case, auth_header):
    case.call_and_validate(
        headers=auth_header, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
