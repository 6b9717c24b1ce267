"""A learner deletes their account: personal data removed or anonymised, mentors see "deleted learner", reviewed
submissions kept for their reviews, nobody can sign in as them again."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from rest_framework.test import APIClient

from accounts.forms import WRONG_CONFIRMATION, WRONG_PASSWORD
from accounts.models import ApiToken, MentorAssignment, Notification, Profile
from accounts.services.tokens import api_token_create
from exercises.models import Review, Submission
from planner.models import Enrolment, Progress
from planner.services import enrolment_create
from tests.factories import (
    ExerciseFactory,
    MentorAssignmentFactory,
    SubmissionFactory,
    TrackFactory,
    TrackMilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_world():
    learner = UserFactory(username="ada", email="ada@example.org")
    mentor = UserFactory(username="grace")
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    exercise = ExerciseFactory()
    track = TrackFactory()
    TrackMilestoneFactory(track=track, milestone=exercise.milestone)
    enrolment_create(user=learner, track=track, start_date=dt.date(2026, 1, 5))
    reviewed = SubmissionFactory(user=learner, exercise=exercise, payload={"source": "def f():\n    return 2\n"})
    Review.objects.create(submission=reviewed, mentor=mentor, verdict="comment", body="Why 2?")
    unreviewed = SubmissionFactory(user=learner, exercise=exercise)
    Notification.objects.create(user=learner, kind="submission_graded", params={})
    Profile.objects.create(user=learner, display_name="Ada Lovelace", time_zone="Europe/London")
    api_token_create(user=learner, name="laptop")
    return learner, mentor, reviewed, unreviewed


def test_deleting_removes_personal_data_and_keeps_reviewed_work_anonymised(learner_world):
    learner, mentor, reviewed, unreviewed = learner_world
    client = APIClient()
    client.force_authenticate(learner)
    assert client.delete("/api/v1/me/", {"password": "pw-correct-horse"}, format="json").status_code == 204

    learner.refresh_from_db()
    assert (learner.username, learner.email, learner.is_active, learner.has_usable_password()) == (
        f"deleted-{learner.pk}",
        "",
        False,
        False,
    )
    profile = Profile.objects.get(user=learner)
    assert (profile.display_name, profile.time_zone, profile.email_weekly_digest) == ("", "", False)
    assert profile.deleted_at is not None
    for model in (Enrolment, Progress, Notification, ApiToken, EmailAddress):
        assert not model.objects.filter(user=learner).exists(), model
    assert not Submission.objects.filter(pk=unreviewed.pk).exists()
    kept = Submission.objects.get(pk=reviewed.pk)
    assert (kept.user_id, kept.code) == (learner.pk, "def f():\n    return 2\n")
    assert Review.objects.filter(submission=kept, mentor=mentor, body="Why 2?").exists()


def test_mentors_see_a_deleted_learner_on_the_kept_submission(learner_world):
    learner, mentor, reviewed, _ = learner_world
    client = APIClient()
    client.force_authenticate(learner)
    client.delete("/api/v1/me/", {"password": "pw-correct-horse"}, format="json")
    page = Client()
    page.force_login(mentor)
    response = page.get(f"/submissions/{reviewed.pk}/")
    assert response.status_code == 200
    assert "by deleted learner" in response.content.decode()
    assert "Why 2?" in response.content.decode()
    assert MentorAssignment.objects.filter(mentor=mentor, learner=learner).exists()


def test_nobody_can_sign_in_as_a_deleted_account(learner_world):
    learner, *_ = learner_world
    client = Client()
    client.force_login(learner)
    response = client.post("/accounts/delete/", {"confirm": "ada", "password": "pw-correct-horse"})
    assert response.status_code == 302
    assert client.get("/accounts/settings/").status_code == 302  # signed out
    for login in ("ada", "ada@example.org", f"deleted-{learner.pk}"):
        token = APIClient().post("/api/v1/auth/token/", {"username": login, "password": "pw-correct-horse"})
        assert token.status_code == 400


def test_deletion_needs_the_password_and_the_username(learner_world):
    learner, *_ = learner_world
    client = Client()
    client.force_login(learner)
    response = client.post("/accounts/delete/", {"confirm": "Ada", "password": "nope"})
    page = response.content.decode()
    assert response.status_code == 400
    assert str(WRONG_CONFIRMATION) in page and str(WRONG_PASSWORD) in page
    api = APIClient()
    api.force_authenticate(learner)
    refused = api.delete("/api/v1/me/", {"password": "nope"}, format="json")
    assert (refused.status_code, refused.json()) == (400, {"password": [str(WRONG_PASSWORD)]})
    learner.refresh_from_db()
    assert learner.is_active and learner.username == "ada"
