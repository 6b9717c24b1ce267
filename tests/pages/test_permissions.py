"""Who may open which page: anonymous visitors are sent to sign in; a learner's work is visible to them, their
own mentors and admins, and a 404 for everyone else (another learner, another learner's mentor)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exercises.models import Review

LOGIN = "/accounts/login/"

# page -> expected status per role (anonymous, learner, other_learner, mentor, other_mentor, admin)
GET_PAGES = {
    "dashboard": (lambda w: reverse("dashboard"), (302, 200, 200, 200, 200, 200)),
    "plan": (lambda w: reverse("plan"), (302, 200, 200, 302, 302, 302)),  # not enrolled -> dashboard
    "self-assessment": (lambda w: reverse("self-assessment"), (302, 200, 200, 302, 302, 302)),
    # The curriculum is public: a visitor reads milestones and exercise statements.
    "milestone": (lambda w: reverse("milestone-detail", args=["b"]), (200, 200, 200, 200, 200, 200)),
    "exercise": (lambda w: reverse("exercise-detail", args=["add-one"]), (200, 200, 200, 200, 200, 200)),
    "milestone-catalogue": (lambda w: reverse("milestone-catalogue"), (200, 200, 200, 200, 200, 200)),
    "exercise-catalogue": (lambda w: reverse("exercise-catalogue"), (200, 200, 200, 200, 200, 200)),
    "submission": (lambda w: reverse("submission-detail", args=[w.submission.pk]), (302, 200, 404, 200, 404, 200)),
    "submission-status": (
        lambda w: reverse("submission-status", args=[w.submission.pk]),
        (302, 200, 404, 200, 404, 200),
    ),
    "diff": (
        lambda w: reverse("submission-diff", args=["add-one"]) + f"?a={w.submission.pk}&b={w.submission.pk}",
        (302, 200, 404, 200, 404, 200),
    ),
    "notifications": (lambda w: reverse("notifications"), (302, 200, 200, 200, 200, 200)),
    "nav": (lambda w: reverse("nav-extras"), (302, 200, 200, 200, 200, 200)),
    "mentor-home": (lambda w: reverse("mentor-home"), (302, 404, 404, 200, 200, 200)),
    "mentor-learner": (
        lambda w: reverse("mentor-learner", args=[w.users["learner"].pk]),
        (302, 404, 404, 200, 404, 200),
    ),
    "review-queue": (lambda w: reverse("review-queue"), (302, 404, 404, 200, 200, 200)),
}
ROLES = ["anonymous", "learner", "other_learner", "mentor", "other_mentor", "admin"]
CASES = [(page, role, expected[i]) for page, (_, expected) in GET_PAGES.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("page", "role", "expected"), CASES, ids=[f"{p}-{r}" for p, r, _ in CASES])
def test_page_status_for_each_role(world, as_role, page, role, expected):
    url = GET_PAGES[page][0](world)
    response = as_role(role).get(url)
    assert response.status_code == expected
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith(f"{LOGIN}?next=")


def test_unknown_pages_are_404(world, as_role):
    client = as_role("learner")
    assert client.get(reverse("milestone-detail", args=["nope"])).status_code == 404
    assert client.get(reverse("exercise-detail", args=["nope"])).status_code == 404
    assert client.get(reverse("submission-detail", args=[999999])).status_code == 404
    assert client.get(reverse("mentor-learner", args=[999999])).status_code == 404
    assert client.get(reverse("plan") + "?track=nope").status_code == 404


REVIEW_EXPECTED = {"learner": 404, "other_learner": 404, "mentor": 302, "other_mentor": 404, "admin": 404}


@pytest.mark.parametrize("role", list(REVIEW_EXPECTED))
def test_only_the_learners_own_mentor_can_post_a_review(world, as_role, role):
    response = as_role(role).post(
        reverse("submission-review", args=[world.submission.pk]), {"verdict": "approve", "body": "Good."}
    )
    assert response.status_code == REVIEW_EXPECTED[role]
    assert Review.objects.filter(submission=world.submission).count() == (1 if role == "mentor" else 0)


# The learner's mentor and staff may sign off (one rule with the API); everyone else finds no such page.
SIGN_OFF_EXPECTED = {"learner": 404, "other_learner": 404, "mentor": 302, "other_mentor": 404, "admin": 302}


@pytest.mark.parametrize("role", list(SIGN_OFF_EXPECTED))
def test_only_the_learners_mentor_or_staff_can_sign_off(world, as_role, role):
    from planner.models import Progress

    url = reverse("mentor-sign-off", args=[world.users["learner"].pk, "m"])
    response = as_role(role).post(url)
    assert response.status_code == SIGN_OFF_EXPECTED[role]
    # The quiz of `m` is not passed yet, so even the mentor's sign-off is refused with a message.
    state = Progress.objects.get(user=world.users["learner"], milestone=world.m).state
    assert state == "locked"


def test_anonymous_posts_are_sent_to_sign_in(world, as_role):
    client = as_role("anonymous")
    for url in (
        reverse("enrol"),
        reverse("milestone-state", args=["a"]),
        reverse("exercise-submit", args=["add-one"]),
        reverse("notifications-read"),
    ):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")


def test_a_hidden_submission_gets_the_same_404_page_as_a_missing_one(world, as_role):
    client = as_role("other_learner")
    hidden = client.get(reverse("submission-detail", args=[world.submission.pk]))
    missing = client.get(reverse("submission-detail", args=[999999]))
    assert hidden.status_code == missing.status_code == 404

    # The CSRF token is masked afresh in every response.
    def unmasked(response):
        return re.sub(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())

    # Identical but for the language form's "next" (this very URL).
    assert unmasked(hidden).replace(f"/submissions/{world.submission.pk}/", "/submissions/999999/") == unmasked(missing)
    assert "There is nothing here, or it is not yours to see." in hidden.content.decode()
