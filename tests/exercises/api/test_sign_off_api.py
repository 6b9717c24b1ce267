"""POST /api/v1/sign-offs/: the one way to sign off a mentor milestone, with one rule for who may."""

import pytest

from exercises.api.views import LEARNER_NOT_FOUND
from exercises.services.reviews import NOT_YOUR_LEARNER
from planner.models import Progress
from tests.factories import MentorAssignmentFactory, MilestoneFactory, UserFactory

URL = "/api/v1/sign-offs/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    return MilestoneFactory(slug="portfolio-review", completion="mentor")


def test_the_learners_mentor_signs_off_and_the_milestone_is_done(client_for, mentor, learner, portfolio):
    response = client_for(mentor).post(URL, {"learner": learner.pk, "milestone": "portfolio-review"})
    assert (response.status_code, response.json()) == (
        201, {"learner": learner.pk, "milestone": "portfolio-review", "signed_off": True})
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
