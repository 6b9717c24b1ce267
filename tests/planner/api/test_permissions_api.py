"""Who sees and changes what: learner, another learner, their mentor, another mentor, staff, anonymous."""

import pytest

READ = "read"
WRITE = "write"


def urls(people) -> dict[str, tuple[str, str, dict | None]]:
    e = people.enrolment.pk
    uid = people.learner.pk
    return {
        "enrolment": ("get", f"/api/v1/enrolments/{e}/", None),
        "plan": ("get", f"/api/v1/enrolments/{e}/plan/", None),
        "enrolments": ("get", f"/api/v1/enrolments/?user={uid}", None),
        "progress": ("get", f"/api/v1/progress/?user={uid}", None),
        "progress-item": ("get", f"/api/v1/progress/a/?user={uid}", None),
        "summary": ("get", f"/api/v1/summary/?user={uid}", None),
        "enrolment-update": ("patch", f"/api/v1/enrolments/{e}/", {"hours_per_week": 5}),
        "plan-generate": ("post", f"/api/v1/enrolments/{e}/plan/", {"hours_per_week": 5}),
        "progress-update": ("patch", f"/api/v1/progress/a/?user={uid}", {"state": "in_progress"}),
        "self-assessment": ("post", f"/api/v1/self-assessment/?user={uid}", {"known": ["a"]}),
        "enrolment-delete": ("delete", f"/api/v1/enrolments/{e}/", None),
    }


READS = ["enrolment", "plan", "enrolments", "progress", "progress-item", "summary"]
WRITES = ["enrolment-update", "plan-generate", "progress-update", "self-assessment", "enrolment-delete"]
EXPECTED_WRITE_STATUS = {
    "enrolment-update": 200,
    "plan-generate": 200,
    "progress-update": 200,
    "self-assessment": 200,
    "enrolment-delete": 204,
}


def call(client, method, url, body):
    return getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)


@pytest.mark.parametrize("who", ["learner", "mentor", "admin"])
@pytest.mark.parametrize("what", READS)
def test_learner_their_mentor_and_staff_can_read(people, client_for, who, what):
    method, url, body = urls(people)[what]
    response = call(client_for(getattr(people, who)), method, url, body)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("who", ["other", "other_mentor"])
@pytest.mark.parametrize("what", READS + WRITES)
def test_other_learners_and_other_mentors_get_404(people, client_for, who, what):
    method, url, body = urls(people)[what]
    response = call(client_for(getattr(people, who)), method, url, body)
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("what", WRITES)
def test_mentor_cannot_change_their_learners_data(people, client_for, what):
    method, url, body = urls(people)[what]
    response = call(client_for(people.mentor), method, url, body)
    assert response.status_code == 403
    assert response.json() == {"detail": "Mentors can read their learners' data but not change it."}


@pytest.mark.parametrize("who", ["learner", "admin"])
@pytest.mark.parametrize("what", WRITES)
def test_learner_and_staff_can_change_the_learners_data(people, client_for, who, what):
    method, url, body = urls(people)[what]
    response = call(client_for(getattr(people, who)), method, url, body)
    assert response.status_code == EXPECTED_WRITE_STATUS[what], response.content


@pytest.mark.parametrize("what", READS + WRITES)
def test_anonymous_gets_401(people, client_for, what):
    method, url, body = urls(people)[what]
    assert call(client_for(None), method, url, body).status_code == 401


def test_mentor_lists_only_their_learners_enrolments(people, client_for):
    client = client_for(people.mentor)
    assert client.get(f"/api/v1/enrolments/?user={people.learner.pk}").json()["count"] == 1
    assert client.get("/api/v1/enrolments/").json()["count"] == 0  # their own
    assert client.get(f"/api/v1/enrolments/?user={people.other.pk}").status_code == 404


def test_unknown_user_param_is_404_and_a_malformed_one_is_400(people, client_for):
    client = client_for(people.learner)
    assert client.get("/api/v1/progress/?user=999999").status_code == 404
    response = client.get("/api/v1/progress/?user=abc")
    assert (response.status_code, response.json()) == (400, {"user": ["A valid integer is required."]})


def test_staff_writing_for_a_missing_learner_gets_404(people, client_for):
    client = client_for(people.admin)
    assert client.patch("/api/v1/progress/a/?user=999999", {"state": "in_progress"}).status_code == 404
