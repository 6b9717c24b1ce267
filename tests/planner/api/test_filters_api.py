"""Every filter of the planner lists answers 400 with a message for a value it does not know (issue 11 bug 11:
?stage=nope answered 200 with an empty list)."""

import pytest


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("/api/v1/milestones/?stage=nope", {"stage": ["No stage 'nope'."]}),
        ("/api/v1/milestones/?track=nope", {"track": ["No track 'nope'."]}),
        ("/api/v1/milestones/?completion=bogus", {"completion": ['"bogus" is not a valid choice.']}),
        (
            "/api/v1/milestones/?stage=bad%20slug",
            {"stage": ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."]},
        ),
        (
            "/api/v1/milestones/?track=%00",
            {"track": ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."]},
        ),
        ("/api/v1/progress/?stage=nope", {"stage": ["No stage 'nope'."]}),
        ("/api/v1/progress/?track=nope", {"track": ["No track 'nope'."]}),
        ("/api/v1/progress/?state=bogus", {"state": ['"bogus" is not a valid choice.']}),
    ],
)
def test_an_unknown_filter_value_is_a_400_that_names_it(people, client_for, query, errors):
    response = client_for(people.learner).get(query)
    assert (response.status_code, response.json()) == (400, errors)


def test_known_values_still_filter(people, client_for):
    client = client_for(people.learner)
    assert [m["slug"] for m in client.get("/api/v1/milestones/?stage=basics").json()["results"]] == ["a", "b"]
    assert client.get("/api/v1/progress/?stage=basics&state=available").json()["count"] == 1


def test_an_unknown_value_is_named_in_the_readers_language(people, client_for):
    response = client_for(people.learner).get("/api/v1/milestones/?stage=nope", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (response.status_code, response.json()) == (400, {"stage": ["没有阶段 'nope'。"]})
