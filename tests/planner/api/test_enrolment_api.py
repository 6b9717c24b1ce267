import pytest

from planner.models import Enrolment, Plan, Progress


def test_learner_enrols_with_defaults(small, client_for, learner):
    response = client_for(learner).post("/api/v1/enrolments/", {"track": "small-track", "start_date": "2026-01-05"})
    assert response.status_code == 201
    body = response.json()
    assert (body["track"], body["hours_per_week"], body["start_date"], body["target_date"], body["user"]) == (
        "small-track",
        10.0,
        "2026-01-05",
        None,
        learner.pk,
    )
    assert Progress.objects.filter(user=learner).count() == 5


def test_enrolling_twice_is_400(small, client_for, learner):
    client = client_for(learner)
    client.post("/api/v1/enrolments/", {"track": "small-track"})
    response = client.post("/api/v1/enrolments/", {"track": "small-track"})
    assert (response.status_code, response.json()) == (400, {"track": ["You are already enrolled in this track."]})


def test_bad_enrolment_input_gets_field_errors(small, client_for, learner):
    response = client_for(learner).post(
        "/api/v1/enrolments/", {"track": "nope", "hours_per_week": 0, "start_date": "yesterday"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "track": ["Object with slug=nope does not exist."],
        "hours_per_week": ["Ensure this value is greater than or equal to 1."],
        "start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    }
    assert not Enrolment.objects.exists()


def test_target_before_start_is_400(small, client_for, learner):
    response = client_for(learner).post(
        "/api/v1/enrolments/", {"track": "small-track", "start_date": "2026-02-01", "target_date": "2026-01-01"}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"target_date": ["The target date must not be before the start date."]},
    )


def assert_pace(response, hours_per_week: float, target_date: str) -> None:
    """A 200 whose body carries this pace: hours a week and the target date."""
    body = response.json()
    assert (response.status_code, body["hours_per_week"], body["target_date"]) == (200, hours_per_week, target_date)


def test_updating_hours_regenerates_the_plan(people, client_for):
    client = client_for(people.learner)
    url = f"/api/v1/enrolments/{people.enrolment.pk}/"
    assert client.get(url + "plan/").json()["hours_per_week"] == 10.0
    response = client.patch(url, {"hours_per_week": 4, "target_date": "2027-01-01"})
    assert_pace(response, 4.0, "2027-01-01")
    plan = client.get(url + "plan/").json()
    assert (plan["hours_per_week"], plan["target_date"]) == (4.0, "2027-01-01")
    assert {w["hours"] for w in plan["weeks"][:-1]} == {4.0}


def test_leaving_a_track_keeps_progress(people, client_for):
    client = client_for(people.learner)
    client.get(f"/api/v1/enrolments/{people.enrolment.pk}/plan/")
    assert client.delete(f"/api/v1/enrolments/{people.enrolment.pk}/").status_code == 204
    assert not Enrolment.objects.filter(pk=people.enrolment.pk).exists()
    assert not Plan.objects.filter(enrolment_id=people.enrolment.pk).exists()
    assert Progress.objects.filter(user=people.learner).count() == 5


def test_plan_regenerate_validates_input(people, client_for):
    response = client_for(people.learner).post(
        f"/api/v1/enrolments/{people.enrolment.pk}/plan/", {"hours_per_week": 500, "target_date": "soon"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "hours_per_week": ["Ensure this value is less than or equal to 100."],
        "target_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    }


def test_plan_target_before_start_is_400(people, client_for):
    response = client_for(people.learner).post(
        f"/api/v1/enrolments/{people.enrolment.pk}/plan/", {"start_date": "2027-02-01", "target_date": "2027-01-01"}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"target_date": ["The target date must not be before the start date."]},
    )


def test_changing_the_pace_through_the_plan_changes_the_enrolment_too(people, client_for):
    """Issue 11 bug 2: the plan and /summary/ changed while GET /enrolments/<id>/ kept the old values."""
    client = client_for(people.learner)
    url = f"/api/v1/enrolments/{people.enrolment.pk}/"
    response = client.post(url + "plan/", {"hours_per_week": 6, "target_date": "2027-06-30"})
    assert_pace(response, 6.0, "2027-06-30")
    enrolment = client.get(url).json()
    assert (enrolment["hours_per_week"], enrolment["target_date"]) == (6.0, "2027-06-30")
    track = client.get("/api/v1/summary/").json()["tracks"][0]
    assert (track["hours_per_week"], track["target_date"]) == (6.0, "2027-06-30")
    # A later change of the enrolment keeps the plan in step the other way round.
    client.patch(url, {"hours_per_week": 3})
    assert client.get(url + "plan/").json()["hours_per_week"] == 3.0


@pytest.mark.parametrize("track", ["a\x00b", "two words", 7])
def test_a_track_that_is_not_a_slug_is_a_400_not_a_500(people, client_for, track):
    response = client_for(people.learner).post("/api/v1/enrolments/", {"track": track}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["track"]
