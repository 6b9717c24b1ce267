"""The "done when" flow on the real curriculum: token -> enrol -> self-assess -> dated plan -> progress -> summary."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def curriculum(db):
    call_command("load_curriculum")


@pytest.mark.slow
def test_learner_enrols_self_assesses_plans_progresses_and_sees_summary_and_plan_change(curriculum):
    UserFactory(username="webdev")
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "webdev", "password": "pw-correct-horse"})
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")

    tracks = client.get("/api/v1/tracks/").json()["results"]
    assert "data-scientist-nlp" in [t["slug"] for t in tracks]

    today = timezone.localdate()
    response = client.post("/api/v1/enrolments/", {"track": "data-scientist-nlp", "hours_per_week": 8})
    assert response.status_code == 201, response.json()
    enrolment = response.json()
    assert (enrolment["track"], enrolment["hours_per_week"], enrolment["start_date"]) == (
        "data-scientist-nlp",
        8.0,
        today.isoformat(),
    )

    response = client.post("/api/v1/self-assessment/", {"known": ["python-basics"]})
    assert response.status_code == 200
    assert [(r["milestone"], r["state"], r["evidence"]) for r in response.json()] == [
        ("python-basics", "skipped", "self")
    ]

    plan = client.get(f"/api/v1/enrolments/{enrolment['id']}/plan/").json()
    planned = [i["slug"] for w in plan["weeks"] for i in w["items"]]
    assert "python-basics" not in planned
    assert plan["weeks"][0]["start"] == today.isoformat()
    assert plan["weeks"][1]["start"] == (today + dt.timedelta(days=7)).isoformat()
    assert all(w["hours"] <= 8 for w in plan["weeks"])
    assert plan["remaining_hours"] == sum(w["hours"] for w in plan["weeks"])
    summary = client.get("/api/v1/summary/").json()["tracks"][0]
    assert summary["projected_finish"] == plan["finish_date"]

    available = client.get("/api/v1/progress/", {"state": "available", "track": "data-scientist-nlp"}).json()
    pick = next(r for r in available["results"] if r["completion"] == "self")
    assert pick["milestone"] in planned
    response = client.patch(f"/api/v1/progress/{pick['milestone']}/", {"state": "in_progress"})
    assert (response.status_code, response.json()["state"]) == (200, "in_progress")
    response = client.patch(f"/api/v1/progress/{pick['milestone']}/", {"state": "done"})
    assert (response.status_code, response.json()["state"], response.json()["evidence"]) == (200, "done", "self")

    after = client.get("/api/v1/summary/").json()["tracks"][0]
    assert after["hours_remaining"] == summary["hours_remaining"] - pick["hours"]
    assert after["percent_done"] > summary["percent_done"]
    new_plan = client.get(f"/api/v1/enrolments/{enrolment['id']}/plan/").json()
    assert new_plan["remaining_hours"] == plan["remaining_hours"] - pick["hours"]
    assert pick["milestone"] not in [i["slug"] for w in new_plan["weeks"] for i in w["items"]]

    # regenerate at another pace with a target that cannot be met
    target = (today + dt.timedelta(days=27)).isoformat()
    response = client.post(f"/api/v1/enrolments/{enrolment['id']}/plan/", {"hours_per_week": 20, "target_date": target})
    body = response.json()
    assert (response.status_code, body["feasible"], body["hours_per_week"]) == (200, False, 20.0)
    assert body["required_hours_per_week"] >= new_plan["remaining_hours"] / 4
    assert body["message"].startswith(f"The target date {target} cannot be met")


def test_milestone_search_finds_text_in_either_language(curriculum, client_for):
    client = client_for(UserFactory(username="searcher"))
    zh = [m["slug"] for m in client.get("/api/v1/milestones/", {"search": "注意力"}).json()["results"]]
    en = [
        m["slug"]
        for m in client.get("/api/v1/milestones/", {"search": "attention", "page_size": 200}).json()["results"]
    ]
    assert "self-attention" in zh and "self-attention" in en
    assert "python-basics" not in zh
