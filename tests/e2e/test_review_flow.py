"""The daily Review page in real Chromium: a done milestone's recall card is shown, its answer revealed, rated, and
it leaves the due list; the dashboard says what is due."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from planner.models import Milestone, Progress
from tests.e2e.conftest import PASSWORD, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_rate_a_recall_card_and_it_leaves_the_due_list(page, live_server, curriculum, shot):
    user = UserFactory(username="reviewer", password=PASSWORD)
    bpe = Milestone.objects.get(slug="tokenization")
    assert len(bpe.recall) == 2  # from curriculum/stages/06-nlp.yaml
    Progress.objects.create(user=user, milestone=bpe, state="done")
    login(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/")
    expect(page.locator("#review-due")).to_contain_text("2 cards to review now.")
    page.locator("#review-due a", has_text="Start the review").click()
    cards = page.locator("#review-cards > li")
    expect(cards).to_have_count(2)
    first = cards.first
    expect(first.locator(".front")).to_contain_text("subword units")
    first.locator("summary", has_text="Show the answer").click()
    expect(first.locator(".back")).to_contain_text("fixed, small vocabulary")
    shot(page, "review-card")
    first.get_by_role("button", name="Good").click()
    expect(page.locator("#review-cards > li")).to_have_count(1)
    expect(page.locator("#review-cards")).not_to_contain_text("subword units")
    expect(page.locator("#review-summary")).to_contain_text("1 card to review now.")
