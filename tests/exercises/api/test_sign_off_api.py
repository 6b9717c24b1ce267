"""POST /api/v1/sign-offs/: the one way to sign off a mentor milestone, with one rule for who may."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework import serializers

from accounts.models import Notification
from accounts.notifications import notification_show
from exercises.api.views import LEARNER_NOT_FOUND
from exercises.models import SignOff
from exercises.services.sign_offs import NOT_YOUR_LEARNER
from planner.models import Progress
from planner.services import progress_ensure
from tests.factories import MentorAssignmentFactory, MilestoneFactory, UserFactory

URL = "/api/v1/sign-offs/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    return MilestoneFactory(slug="portfolio-review", completion="mentor")


def test_the_learners_mentor_signs_off_and_the_milestone_is_done(client_for, mentor, learner, portfolio):
    response = client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    sign_off = SignOff.objects.get(learner=learner, milestone=portfolio)
    when = serializers.DateTimeField()
    assert (response.status_code, response.json()) == (
        201,
        {
            "learner": learner.pk,
            "milestone": "portfolio-review",
            "signed_off": True,
            "mentor": "mentor",
            "created_at": when.to_representation(sign_off.created_at),
            "withdrawable_until": when.to_representation(sign_off.created_at + dt.timedelta(hours=24)),
        },
    )
    progress = Progress.objects.get(user=learner, milestone=portfolio)
    assert (progress.state, progress.evidence) == ("done", "mentor")


def test_staff_may_sign_off_like_a_mentor(client_for, learner, portfolio):
    admin = UserFactory(username="admin", is_staff=True)
    assert client_for(admin).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"}).status_code == 201


def test_a_learner_cannot_sign_off_their_own_milestone(client_for, learner, portfolio):
    response = client_for(learner).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    assert (response.status_code, response.json()) == (403, {"detail": NOT_YOUR_LEARNER})
    assert not Progress.objects.filter(user=learner, milestone=portfolio, state="done").exists()


def test_another_mentor_finds_no_such_learner(client_for, learner, other_learner, portfolio):
    other_mentor = UserFactory(username="other-mentor")
    MentorAssignmentFactory(mentor=other_mentor, learner=other_learner)
    response = client_for(other_mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    assert (response.status_code, response.json()) == (404, {"detail": LEARNER_NOT_FOUND})


def test_the_old_planner_sign_off_route_is_gone(client_for, mentor, learner, portfolio):
    # It skipped the check that the milestone's exercises passed; sign-offs go through exercises only.
    response = client_for(mentor).post("/api/v1/milestones/portfolio-review/sign-off/", {"learner": learner.pk})
    assert response.status_code == 404


def test_signing_off_again_answers_200_with_the_sign_off_already_given(client_for, mentor, learner, portfolio):
    """Issue 11 bug 12: a repeated POST answered 201 again."""
    first = client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    admin = UserFactory(username="admin", is_staff=True)
    again = client_for(admin).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()  # the first sign-off, by the first mentor
    assert SignOff.objects.filter(learner=learner).count() == 1


def test_a_locked_milestone_cannot_be_signed_off_and_the_400_names_what_is_missing(client_for, mentor, learner):
    """Issue 11 bug 3: a mentor could sign off a locked milestone (201)."""
    basics = MilestoneFactory(slug="basics", completion="self")
    theory = MilestoneFactory(slug="theory", completion="self")
    MilestoneFactory(slug="capstone", completion="mentor", prerequisites=[basics, theory])
    response = client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "capstone"})
    assert (response.status_code, response.json()) == (
        400,
        {"milestone": ["This milestone is locked for the learner: basics, theory must be done or skipped first."]},
    )
    assert not SignOff.objects.exists()
    assert not Progress.objects.filter(user=learner, state="done").exists()


def test_the_mentor_withdraws_a_sign_off_within_the_grace_period(client_for, mentor, learner, portfolio):
    after = MilestoneFactory(slug="after-portfolio", completion="self", prerequisites=[portfolio])
    progress_ensure(user=learner, milestone_ids=[portfolio.pk, after.pk])
    client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    assert Progress.objects.get(user=learner, milestone=after).state == "available"
    response = client_for(mentor).delete(f"{URL}{learner.pk}/portfolio-review/")
    assert response.status_code == 204
    states = dict(Progress.objects.filter(user=learner).values_list("milestone__slug", "state"))
    assert states == {"portfolio-review": "available", "after-portfolio": "locked"}
    assert not SignOff.objects.exists()
    kinds = list(Notification.objects.filter(user=learner).order_by("id").values_list("kind", flat=True))
    assert kinds == ["sign_off_withdrawn"]  # "done" and "unlocked" were withdrawn with it: no longer true
    note = Notification.objects.get(user=learner)
    assert (
        notification_show(note).text == "mentor withdrew the sign-off of Milestone portfolio-review; it is open again."
    )
    again = client_for(mentor).delete(f"{URL}{learner.pk}/portfolio-review/")
    assert (again.status_code, again.json()) == (400, {"milestone": ["This milestone has no sign-off to withdraw."]})


def test_after_the_grace_period_a_sign_off_stands(client_for, mentor, learner, portfolio, settings):
    client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    SignOff.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    given = timezone.localtime(SignOff.objects.get().created_at).strftime("%Y-%m-%d %H:%M")
    response = client_for(mentor).delete(f"{URL}{learner.pk}/portfolio-review/")
    assert (response.status_code, response.json()) == (
        400,
        {"milestone": [f"A sign-off can be withdrawn for 24 hours after it is given; this one was given {given}."]},
    )
    assert Progress.objects.get(user=learner, milestone=portfolio).state == "done"


def test_only_a_mentor_of_the_learner_withdraws(client_for, mentor, learner, portfolio):
    client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    response = client_for(learner).delete(f"{URL}{learner.pk}/portfolio-review/")
    assert (response.status_code, response.json()) == (403, {"detail": NOT_YOUR_LEARNER})
    assert SignOff.objects.count() == 1
