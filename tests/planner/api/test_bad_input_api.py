"""Malformed input anywhere in the planner API gets a 4xx, never a 500."""

import pytest

BODIES = [
    {},
    [],
    "text",
    None,
    {"state": None},
    {"state": ["done"]},
    {"known": None},
    {"known": [1, {"a": 2}]},
    {"known": ["x" * 200]},
    {"unknown": "a", "known": []},
    {"hours_per_week": "1e9"},
    {"hours_per_week": "NaN"},
    {"hours_per_week": True},
    {"start_date": "2026-02-30"},
    {"target_date": 12},
    {"track": {"slug": "a"}},
    {"track": None},
    {"learner": "me"},
    {"learner": -1},
    {"learner": 10**20},
    {"include_optional": "maybe"},
]
QUERIES = [
    "?page=abc",
    "?page=999",
    "?page_size=-1",
    "?user=-1",
    "?user=1e9",
    "?user=",
    f"?search={'x' * 500}",
    "?track=%00",
    "?stage=bad slug",
    "?state=",
    "?completion=&search=%25",
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/enrolments/"),
        ("patch", "/api/v1/enrolments/{e}/"),
        ("post", "/api/v1/enrolments/{e}/plan/"),
        ("patch", "/api/v1/progress/a/"),
        ("post", "/api/v1/progress/a/"),
        ("post", "/api/v1/self-assessment/"),
    ],
)
def test_malformed_bodies_get_4xx(people, client_for, method, path, body):
    client = client_for(people.learner)
    url = path.format(e=people.enrolment.pk)
    response = getattr(client, method)(url, body, format="json")
    assert 200 <= response.status_code < 500, (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert isinstance(response.json(), dict)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/milestones/",
        "/api/v1/progress/",
        "/api/v1/enrolments/",
        "/api/v1/summary/",
        "/api/v1/tracks/",
        "/api/v1/stages/",
    ],
)
def test_malformed_query_parameters_get_4xx(people, client_for, path, query):
    response = client_for(people.learner).get(path + query)
    assert response.status_code < 500, (response.status_code, response.content[:300])


def test_unknown_enrolment_ids_are_404(people, client_for):
    client = client_for(people.learner)
    assert client.get("/api/v1/enrolments/99999999/").status_code == 404
    assert client.get("/api/v1/enrolments/99999999/plan/").status_code == 404
    assert client.get("/api/v1/enrolments/99999999999999999999/").status_code == 404
