"""The cohorts API: everything the pages do, for REST clients."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from cohorts.models import Cohort, Invitation, Membership, MentoringRequest
from cohorts.services import mentor_tracks_set
from cohorts.services.cohorts import NOT_MENTORS
from cohorts.services.join import INVITATION_INVALID
from planner.services import enrolment_create
from tests.factories import SubmissionFactory, UserFactory


@pytest.fixture
def as_api(world, client_for):
    def make(role):
        return client_for(world.users[role] if isinstance(role, str) else role)

    return make


def test_a_mentor_makes_a_cohort_and_lists_it(world, as_api, today):
    response = as_api("mentor").post(
        reverse("api-cohort-list"),
        {"name": "API cohort", "track": "nlp", "target_date": str(today.replace(year=today.year + 1))},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["track"], body["member_count"]) == ("API cohort", "nlp", 0)
    assert [m["username"] for m in body["mentors"]] == ["mira"]
    listed = as_api("mentor").get(reverse("api-cohort-list")).json()["results"]
    assert [c["name"] for c in listed] == ["API cohort"]
    assert as_api("other_mentor").get(reverse("api-cohort-list")).json()["results"] == []


def test_a_learner_named_as_mentor_is_refused_naming_them(world, as_api):
    response = as_api("mentor").post(
        reverse("api-cohort-list"), {"name": "X", "track": "nlp", "mentors": ["lena"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"mentors": [str(NOT_MENTORS) % {"names": "lena"}]}
    assert not Cohort.objects.exists()


def test_a_target_before_the_start_is_a_400(world, as_api):
    response = as_api("mentor").post(
        reverse("api-cohort-list"),
        {"name": "X", "track": "nlp", "start_date": "2027-02-01", "target_date": "2027-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"target_date": ["The target date must not be before the start date."]}


def test_join_link_then_join_by_code_with_the_weekly_hours_needed(world, cohort, as_api, newcomer):
    made = as_api("mentor").post(
        reverse("api-cohort-invitations", args=[cohort.pk]), {"kind": "link", "seats": 2, "days": 3}, format="json"
    )
    assert made.status_code == 201
    code = made.json()["code"]
    assert made.json()["url"] == f"http://testserver/join/{code}/"
    assert made.json()["invitations"][0]["state"] == "active"
    joined = as_api(newcomer).post(reverse("api-cohort-join"), {"code": code}, format="json")
    assert joined.status_code == 201
    body = joined.json()
    assert (body["created"], body["enrolled_now"], body["target_set"]) == (True, True, str(cohort.target_date))
    assert body["plan"]["required_hours_per_week"] == 3.3
    again = as_api(newcomer).post(reverse("api-cohort-join"), {"code": code}, format="json")
    assert again.status_code == 200 and again.json()["created"] is False
    listed = as_api("mentor").get(reverse("api-cohort-invitations", args=[cohort.pk])).json()["results"]
    assert [(i["used"], i["seats"]) for i in listed] == [(1, 2)]
    assert "code" not in listed[0] and "digest" not in listed[0]
    mine = as_api(newcomer).get(reverse("api-cohort-memberships")).json()["results"]
    assert [m["cohort"]["name"] for m in mine] == ["Spring NLP"]


def test_there_is_no_way_in_by_a_cohorts_id(world, cohort, as_api, newcomer):
    for body in ({"cohort": cohort.pk}, {"code": str(cohort.pk)}, {"code": ""}):
        response = as_api(newcomer).post(reverse("api-cohort-join"), body, format="json")
        assert response.status_code == 400
    response = as_api(newcomer).post(reverse("api-cohort-join"), {"code": "A" * 22}, format="json")
    assert response.json() == {"code": [str(INVITATION_INVALID)]}
    assert not Membership.objects.filter(learner=newcomer).exists()


def test_email_invitations_by_api(world, cohort, as_api):
    response = as_api("mentor").post(
        reverse("api-cohort-invitations", args=[cohort.pk]),
        {"kind": "email", "emails": ["a@example.org", "A@example.org", "b@example.org"]},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["code"] is None
    assert sorted(i["email"] for i in response.json()["invitations"]) == ["a@example.org", "b@example.org"]
    empty = as_api("mentor").post(reverse("api-cohort-invitations", args=[cohort.pk]), {"kind": "email"}, format="json")
    assert empty.status_code == 400 and empty.json() == {"emails": ["Give at least one email address."]}


def test_revoking_twice_is_a_400(world, cohort, link, as_api):
    url = reverse("api-cohort-invitation-detail", args=[cohort.pk, link[0].pk])
    assert as_api("mentor").delete(url).json()["state"] == "revoked"
    second = as_api("mentor").delete(url)
    assert second.status_code == 400
    assert second.json() == {"non_field_errors": ["This invitation was already revoked."]}
    assert Invitation.objects.get(pk=link[0].pk).revoked_at is not None


def test_progress_and_csv_by_api(world, cohort, link, as_api):
    from cohorts.services import cohort_join

    cohort_join(user=world.users["learner"], code=link[1])
    body = as_api("mentor").get(reverse("api-cohort-progress", args=[cohort.pk]), {"ordering": "-progress"}).json()
    assert [s["slug"] for s in body["stages"]] == ["basics", "advanced"]
    assert body["learners"][0]["username"] == "lena"
    assert body["learners"][0]["stages"]["basics"] == {"percent": 0.0, "done": 0, "total": 1}
    assert body["waiting_reviews"]["count"] == 1
    assert body["most_failed"] == ["add-one"]
    bad = as_api("mentor").get(reverse("api-cohort-progress", args=[cohort.pk]), {"ordering": "shoe size"})
    assert bad.status_code == 400 and list(bad.json()) == ["ordering"]
    days = as_api("mentor").get(reverse("api-cohort-progress", args=[cohort.pk]), {"inactive_days": 0})
    assert days.status_code == 400 and list(days.json()) == ["inactive_days"]
    exported = as_api("mentor").get(reverse("api-cohort-export", args=[cohort.pk]))
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows] == ["username", "lena"]


def test_mentors_change_and_links_follow(world, cohort, link, as_api):
    from accounts.models import MentorAssignment
    from cohorts.services import cohort_join

    newcomer = UserFactory(username="nick")
    cohort_join(user=newcomer, code=link[1])
    url = reverse("api-cohort-detail", args=[cohort.pk])
    response = as_api("mentor").patch(url, {"mentors": ["mira", "omar"]}, format="json")
    assert [m["username"] for m in response.json()["mentors"]] == ["mira", "omar"]
    assert MentorAssignment.objects.filter(mentor=world.users["other_mentor"], learner=newcomer).exists()
    as_api("mentor").patch(url, {"mentors": ["omar"]}, format="json")
    assert not MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=newcomer).exists()
    assert as_api("mentor").get(url).status_code == 404  # mira is no longer its mentor


def test_mentoring_requests_by_api(world, as_api):
    sam = UserFactory(username="sam")
    enrolment_create(user=sam, track=world.track)
    submission = SubmissionFactory(user=sam, exercise=world.code, status="failed")
    made = as_api(sam).post(reverse("api-mentoring-requests"), {"submission": submission.pk}, format="json")
    assert made.status_code == 201 and made.json()["status"] == "open"
    pk = made.json()["id"]
    assert as_api("other_mentor").get(reverse("api-mentoring-queue")).json()["results"] == []
    put = as_api("other_mentor").put(reverse("api-mentor-tracks"), {"tracks": ["nlp", "nope"]}, format="json")
    assert put.status_code == 400 and put.json() == {"tracks": ["Unknown tracks: nope."]}
    assert as_api("other_mentor").put(reverse("api-mentor-tracks"), {"tracks": ["nlp"]}, format="json").json() == {
        "tracks": ["nlp"]
    }
    queue = as_api("other_mentor").get(reverse("api-mentoring-queue")).json()["results"]
    assert [r["id"] for r in queue] == [pk]
    taken = as_api("other_mentor").post(reverse("api-mentoring-request-take", args=[pk]))
    assert taken.status_code == 201 and taken.json()["learner"]["username"] == "sam"
    again = as_api("other_mentor").post(reverse("api-mentoring-request-take", args=[pk]))
    assert again.status_code == 400
    mentorships = as_api(sam).get(reverse("api-mentorships")).json()["results"]
    assert [m["mentor"]["username"] for m in mentorships] == ["omar"]
    ended = as_api(sam).delete(reverse("api-mentorship-detail", args=[mentorships[0]["id"]]))
    assert ended.status_code == 204
    assert MentoringRequest.objects.get(pk=pk).status == "ended"


def test_a_request_on_someone_elses_submission_is_a_404(world, as_api):
    response = as_api("other_learner").post(
        reverse("api-mentoring-requests"), {"submission": world.submission.pk}, format="json"
    )
    assert response.status_code == 404


def test_a_learner_cannot_opt_in_as_a_mentor(world, as_api):
    mentor_tracks_set(user=world.users["mentor"], tracks=[world.track])
    response = as_api("learner").put(reverse("api-mentor-tracks"), {"tracks": ["nlp"]}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("track", ["nl\x00p", "no such track", 7])
def test_a_track_that_is_not_a_slug_or_not_there_is_a_400(world, as_api, track):
    response = as_api("mentor").post(reverse("api-cohort-list"), {"name": "X", "track": track}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["track"]
