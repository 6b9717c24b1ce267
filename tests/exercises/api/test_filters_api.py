"""Every filter of the exercises lists answers 400 with a message for a value it does not know (issue 11 bug 11:
/submissions/?status=bogus answered 200 with an empty list)."""

import pytest

from tests.factories import SubmissionFactory


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("/api/v1/submissions/?status=bogus", {"status": ['"bogus" is not a valid choice.']}),
        ("/api/v1/submissions/?exercise=nope", {"exercise": ["No exercise 'nope'."]}),
        ("/api/v1/exercises/?kind=poem", {"kind": ['"poem" is not a valid choice.']}),
        ("/api/v1/exercises/?milestone=nope", {"milestone": ["No milestone 'nope'."]}),
    ],
)
def test_an_unknown_filter_value_is_a_400_that_names_it(client_for, learner, softmax, query, errors):
    response = client_for(learner).get(query)
    assert (response.status_code, response.json()) == (400, errors)


def test_known_values_still_filter(client_for, learner, softmax):
    SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="passed")
    client = client_for(learner)
    assert client.get("/api/v1/submissions/?status=passed&exercise=softmax").json()["count"] == 1
    assert client.get("/api/v1/submissions/?status=failed").json()["count"] == 0
    assert [e["slug"] for e in client.get("/api/v1/exercises/?kind=code").json()["results"]] == ["softmax"]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("/api/v1/exercises/?stage=nope", {"stage": ["No stage 'nope'."]}),
        ("/api/v1/exercises/?stage=a%00b", None),
        (
            "/api/v1/exercises/?library=tensorflow",
            {"library": ["No exercise uses the library 'tensorflow'. Known: numpy, pandas, torch."]},
        ),
    ],
)
def test_an_unknown_stage_or_library_is_a_400_that_names_it(client_for, learner, bank_exercise, query, errors):
    bank_exercise("pandas-clean")
    bank_exercise("layer-norm-module")
    response = client_for(learner).get(query)
    assert response.status_code == 400
    if errors is not None:
        assert response.json() == errors


def test_exercises_filter_by_stage_and_by_library(client_for, learner, softmax, bank_exercise):
    pandas_clean, layer_norm = bank_exercise("pandas-clean"), bank_exercise("layer-norm-module")
    client = client_for(learner)

    def slugs(**query):
        response = client.get("/api/v1/exercises/", query)
        assert response.status_code == 200, response.json()
        return sorted(e["slug"] for e in response.json()["results"])

    assert slugs(library="pandas") == ["pandas-clean"]
    assert slugs(library="numpy") == ["layer-norm-module", "pandas-clean"]  # both allow it
    assert slugs(library="torch") == ["layer-norm-module"]  # allowed and required
    assert slugs(stage=pandas_clean.milestone.stage.slug) == ["pandas-clean"]
    assert slugs(stage=layer_norm.milestone.stage.slug, library="numpy", kind="code") == ["layer-norm-module"]
    assert slugs(stage=softmax.milestone.stage.slug, kind="quiz") == []
