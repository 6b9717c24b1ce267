"""Mentoring requests, Exercism's model: ask on a submission, wait in the opted-in mentors' queue, one mentor takes
it and mentors the learner for the track, either side ends it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts.models import MentorAssignment, Notification
from accounts.permissions import can_view_learner
from cohorts.models import MentoringRequest, Mentorship
from cohorts.selectors import request_queue
from cohorts.services import (
    cohort_join,
    mentor_tracks_set,
    mentoring_request_cancel,
    mentoring_request_create,
    mentoring_request_take,
    mentorship_end,
)
from cohorts.services.requests import ALREADY_MENTORED, ALREADY_WAITING, NOT_ENROLLED, REQUEST_NOT_OPEN
from planner.services import enrolment_create
from tests.factories import SubmissionFactory, UserFactory


@pytest.fixture
def solo(world):
    """A learner with no mentor, enrolled in the track, with a failed submission."""
    user = UserFactory(username="sam")
    enrolment_create(user=user, track=world.track, hours_per_week=5)
    submission = SubmissionFactory(user=user, exercise=world.code, status="failed", score=0.2)
    return user, submission


@pytest.fixture
def omar_takes_nlp(world):
    mentor_tracks_set(user=world.users["other_mentor"], tracks=[world.track])
    return world.users["other_mentor"]


@pytest.fixture
def mentorship(solo, omar_takes_nlp) -> Mentorship:
    """sam asked for a mentor on the failed submission and omar took the request."""
    learner, submission = solo
    return mentoring_request_take(
        user=omar_takes_nlp, request=mentoring_request_create(user=learner, submission=submission)
    )


def test_a_learner_without_a_mentor_asks_and_the_request_waits_in_opted_in_mentors_queues(world, solo, omar_takes_nlp):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission, message="Why does -1 fail?")
    assert (request.status, request.track, request.message) == ("open", world.track, "Why does -1 fail?")
    assert list(request_queue(mentor=omar_takes_nlp)) == [request]
    assert list(request_queue(mentor=world.users["mentor"])) == []  # mira did not opt in


def test_taking_a_request_makes_the_mentor_the_learners_mentor_and_tells_the_learner(world, solo, omar_takes_nlp):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    assert not can_view_learner(omar_takes_nlp, learner.pk)
    mentorship = mentoring_request_take(user=omar_takes_nlp, request=request)
    assert (mentorship.mentor, mentorship.learner, mentorship.track) == (omar_takes_nlp, learner, world.track)
    assert can_view_learner(omar_takes_nlp, learner.pk)
    request.refresh_from_db()
    assert (request.status, request.mentor) == ("taken", omar_takes_nlp)
    note = Notification.objects.get(user=learner, kind="mentoring_taken")
    assert (note.submission, note.track, note.params) == (submission, world.track, {"mentor": "omar"})
    assert list(request_queue(mentor=omar_takes_nlp)) == []


def test_a_request_taken_once_cannot_be_taken_again(world, solo, omar_takes_nlp):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    other = UserFactory(username="olga", is_staff=True)
    mentor_tracks_set(user=other, tracks=[world.track])
    stale = MentoringRequest.objects.get(pk=request.pk)  # read before omar takes it, as a second tab would
    mentoring_request_take(user=omar_takes_nlp, request=request)
    with pytest.raises(ValidationError) as exc:
        mentoring_request_take(user=other, request=stale)
    assert exc.value.messages == [str(REQUEST_NOT_OPEN)]
    assert Mentorship.objects.filter(learner=learner).count() == 1


def test_a_mentor_who_did_not_opt_in_for_the_track_cannot_take(world, solo, client_for):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    with pytest.raises(PermissionDenied) as exc:
        mentoring_request_take(user=world.users["mentor"], request=request)
    assert str(exc.value) == "Opt in for this track to take its requests."
    # One who sees the request (a mentor of the learner) but did not opt in: the API says why (403); the mentor's
    # page answers as for a request that is not theirs (404).
    MentorAssignment.objects.create(mentor=world.users["mentor"], learner=learner)
    response = client_for(world.users["mentor"]).post(f"/api/v1/mentoring/requests/{request.pk}/take/")
    assert (response.status_code, response.json()) == (403, {"detail": "Opt in for this track to take its requests."})
    page = Client()
    page.force_login(world.users["mentor"])
    assert page.post(f"/mentoring/requests/{request.pk}/take/").status_code == 404
    assert MentoringRequest.objects.get(pk=request.pk).status == "open"


def test_a_learner_with_a_mentor_for_the_track_is_told_so(world):
    submission = world.submission  # lena's; mira mentors her (assigned by hand)
    with pytest.raises(ValidationError) as exc:
        mentoring_request_create(user=world.users["learner"], submission=submission)
    assert exc.value.messages == [str(ALREADY_MENTORED) % {"track": "NLP engineer"}]


def test_a_second_request_for_the_same_track_is_refused_while_one_waits(solo):
    learner, submission = solo
    mentoring_request_create(user=learner, submission=submission)
    with pytest.raises(ValidationError) as exc:
        mentoring_request_create(user=learner, submission=submission)
    assert exc.value.messages == [str(ALREADY_WAITING) % {"track": "NLP engineer"}]


def test_asking_without_an_enrolment_says_to_enrol_first(world):
    learner = UserFactory(username="newbie")
    submission = SubmissionFactory(user=learner, exercise=world.code, status="failed")
    with pytest.raises(ValidationError) as exc:
        mentoring_request_create(user=learner, submission=submission)
    assert exc.value.messages == [str(NOT_ENROLLED)]


def test_nobody_asks_on_someone_elses_submission(world, solo):
    _learner, submission = solo
    with pytest.raises(PermissionDenied):
        mentoring_request_create(user=world.users["other_learner"], submission=submission)


def test_either_side_ends_the_mentoring_the_link_goes_and_the_other_side_is_told(
    world, solo, omar_takes_nlp, mentorship
):
    learner, submission = solo
    mentorship_end(user=learner, mentorship=mentorship)
    assert not MentorAssignment.objects.filter(mentor=omar_takes_nlp, learner=learner).exists()
    assert not can_view_learner(omar_takes_nlp, learner.pk)
    assert MentoringRequest.objects.get(learner=learner).status == "ended"
    note = Notification.objects.get(user=omar_takes_nlp, kind="mentorship_ended")
    assert note.params == {"by": "sam"}
    # Asking again is possible once it ended.
    assert mentoring_request_create(user=learner, submission=submission).status == "open"


def test_a_mentor_ends_it_too_and_the_learner_is_told(world, solo, omar_takes_nlp, mentorship):
    learner, _submission = solo
    mentorship_end(user=omar_takes_nlp, mentorship=mentorship)
    assert Notification.objects.get(user=learner, kind="mentorship_ended").params == {"by": "omar"}


def test_nobody_else_ends_a_mentoring(world, mentorship):
    with pytest.raises(PermissionDenied):
        mentorship_end(user=world.users["mentor"], mentorship=mentorship)


def test_ending_keeps_a_link_another_reason_still_needs(world, solo, omar_takes_nlp, mentorship):
    """omar took sam's request and also mentors a cohort sam joins: ending the request keeps the link."""
    from cohorts.services import cohort_create, invitation_create_link

    learner, _submission = solo
    cohort = cohort_create(user=omar_takes_nlp, name="Omar's", track=world.track)
    cohort_join(user=learner, code=invitation_create_link(user=omar_takes_nlp, cohort=cohort)[1])
    mentorship_end(user=learner, mentorship=mentorship)
    assert MentorAssignment.objects.filter(mentor=omar_takes_nlp, learner=learner).exists()


def test_ending_never_removes_a_link_made_by_hand(world, solo, omar_takes_nlp, mentorship):
    learner, _submission = solo
    # As if staff had assigned omar by hand before: a link without this app's mark.
    MentorAssignment.objects.filter(mentor=omar_takes_nlp, learner=learner).get().managed.delete()
    mentorship_end(user=learner, mentorship=mentorship)
    assert MentorAssignment.objects.filter(mentor=omar_takes_nlp, learner=learner).exists()


def test_a_learner_cancels_a_waiting_request_and_not_twice(solo):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    assert mentoring_request_cancel(user=learner, request=request).status == "cancelled"
    with pytest.raises(ValidationError) as exc:
        mentoring_request_cancel(user=learner, request=request)
    assert exc.value.messages == [str(REQUEST_NOT_OPEN)]


def test_only_the_learner_or_staff_cancel_a_request_and_the_api_says_why(world, solo, omar_takes_nlp, client_for):
    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    with pytest.raises(PermissionDenied) as exc:
        mentoring_request_cancel(user=omar_takes_nlp, request=request)
    assert str(exc.value) == "Only the learner cancels their request."
    response = client_for(omar_takes_nlp).delete(f"/api/v1/mentoring/requests/{request.pk}/")
    assert (response.status_code, response.json()) == (403, {"detail": "Only the learner cancels their request."})
    response = client_for(world.users["admin"]).delete(f"/api/v1/mentoring/requests/{request.pk}/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_joining_a_cohort_with_mentors_closes_the_waiting_request(world, solo, omar_takes_nlp):
    from cohorts.services import cohort_create, invitation_create_link

    learner, submission = solo
    request = mentoring_request_create(user=learner, submission=submission)
    cohort = cohort_create(user=world.users["mentor"], name="Mira's", track=world.track)
    cohort_join(user=learner, code=invitation_create_link(user=world.users["mentor"], cohort=cohort)[1])
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert list(request_queue(mentor=omar_takes_nlp)) == []


def test_only_mentors_opt_in_for_tracks(world, solo):
    with pytest.raises(PermissionDenied):
        mentor_tracks_set(user=solo[0], tracks=[world.track])
