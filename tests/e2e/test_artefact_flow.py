"""An artefact in a real browser: the learner submits a link and a write-up (a failing check first, refused on the
spot), the mentor scores the rubric on the submission page, and the learner's milestone completes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.services import mentor_assign
from exercises.models import Submission
from planner.models import Progress, Track
from planner.services import enrolment_create
from tests.e2e.conftest import PASSWORD, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRITEUP = """## Communities
The Hugging Face forums and the PyData meetup in my city.

## Contributions
I answered a question on padding in data collators.

## Reading log
- Week 1: the Annotated Transformer: how masking is built.
- Week 2: a post on evaluation leakage.

## What I learned
Writing a minimal failing example answers half the question.
"""


def test_learner_submits_a_write_up_and_link_and_the_mentor_scores_it(page, live_server, curriculum, shot):
    learner = UserFactory(username="lena", password=PASSWORD)
    enrolment_create(user=learner, track=Track.objects.get(slug="data-scientist-nlp"), hours_per_week=10)
    mentor = UserFactory(username="mira", password=PASSWORD)
    mentor_assign(mentor=mentor, learner=learner)

    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/exercises/community-month-log/")
    expect(page.locator("#rubric")).to_contain_text("Rubric: 6 of 10 points pass")
    expect(page.locator("#needs-mentor")).to_have_count(0)  # lena has a mentor
    page.get_by_label("Link to your work").fill("http://discuss.huggingface.co/t/padding/123")
    page.get_by_label("Write-up (Markdown)").fill(WRITEUP.replace("## Reading log", "Reading log"))
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The link must start with https:// (it starts with http://).")).to_be_visible()
    expect(page.get_by_text("Your write-up lacks the section(s) “Reading log”.", exact=False)).to_be_visible()
    assert not Submission.objects.exists()

    page.get_by_label("Link to your work").fill("https://discuss.huggingface.co/t/padding/123")
    page.get_by_label("Write-up (Markdown)").fill(WRITEUP)
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#status-badge")).to_have_text("Awaiting a mentor")
    expect(page.locator("#awaiting-mentor")).to_be_visible()
    expect(page.locator("ul.checks li.pass")).to_have_count(2)
    shot(page, "artefact-submitted")
    submission = Submission.objects.get()

    page.context.clear_cookies()
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/mentor/reviews/")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/")
    expect(page.locator("#writeup h2").first).to_have_text("Communities")
    expect(page.locator("#artefact-link")).to_have_attribute("href", "https://discuss.huggingface.co/t/padding/123")
    page.locator("#points-contribution").fill("3")
    page.locator("#comment-contribution").fill("A clear, helpful answer.")
    page.locator("#points-log").fill("2")
    page.locator("#points-reflection").fill("2.5")
    shot(page, "artefact-scoring")
    page.get_by_role("button", name="Record the scores").click()
    expect(page.get_by_text("Rubric scored.")).to_be_visible()
    expect(page.locator("#status-badge")).to_have_text("Passed")
    expect(page.locator("#rubric-total")).to_have_text("7.5 of 10 points (pass mark 6)")
    expect(page.locator("table.rubric-scores")).to_contain_text("A clear, helpful answer.")
    shot(page, "artefact-scored")

    progress = Progress.objects.get(user=learner, milestone__slug="communities-and-networking")
    assert (progress.state, progress.evidence) == ("done", "mentor")
    page.context.clear_cookies()
    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/submissions/{submission.pk}/")
    expect(page.locator("#milestone-done")).to_be_visible()
