"""The pages at phone width (390 px): nothing widens the page (long code, the fine-tuning settings table, the
review queue scroll inside their own box), the top bar keeps the brand and the account on one row, a long quiz
question stays inside its box, and the sign-out button lines up with the user name on a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.services import mentor_assign
from planner.models import Track
from planner.services import enrolment_create
from tests.e2e.conftest import PASSWORD, failed_tokenize, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
PAGE_WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def learner(curriculum):
    user = UserFactory(username="lena", password=PASSWORD)
    enrolment_create(user=user, track=Track.objects.get(slug="data-scientist-nlp"), hours_per_week=10)
    return user


def box(locator) -> dict:
    result = locator.bounding_box()
    assert result is not None
    return result


def test_learner_pages_fit_a_phone(page, live_server, learner, shot):
    page.set_viewport_size(PHONE)
    login(page, live_server, "lena")
    for path in (
        "/exercises/tokenize/",
        "/exercises/finetune-bert-sentiment/",
        "/exercises/quiz-numpy/",
        "/milestones/tokenization/",
        "/plan/",
        "/self-assessment/",
        "/accounts/notifications/",
        "/leaderboards/finetune-bert-sentiment/",
    ):
        assert page.goto(f"{live_server.url}{path}").ok, path
        assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], path
    # The fine-tuning statement's settings table stays inside the screen (it scrolls in its box if it must).
    page.goto(f"{live_server.url}/exercises/finetune-bert-sentiment/")
    table = page.locator(".statement .markdown table").first
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert box(table)["x"] + box(table)["width"] <= PHONE["width"]
    shot(page, "finetune-phone")

    # Top bar: brand and account controls on the first row, the page links below them.
    assert page.evaluate("""() => {
      const mid = r => r.top + r.height / 2, rect = s => document.querySelector(s).getBoundingClientRect();
      const brand = rect('.brand'), signOut = rect('.topbar-right .sign-out'), nav = rect('.topbar nav a');
      return Math.abs(mid(brand) - mid(signOut)) < 12 && nav.top > brand.bottom - 1; }""")

    # A long quiz question (legend) wraps inside its box instead of cutting through the border.
    page.goto(f"{live_server.url}/exercises/quiz-numpy/")
    # Both boxes in one read: the top bar's live unread count can shift the page between two reads.
    inside = (
        page.locator("fieldset.question")
        .nth(2)
        .evaluate("""f => {
      const q = f.getBoundingClientRect(), l = f.querySelector('legend').getBoundingClientRect();
      return l.top >= q.top && l.right <= q.right + 1; }""")
    )
    assert inside
    shot(page, "quiz-phone")


def test_the_review_queue_fits_a_phone_and_the_review_button_is_reachable(page, live_server, learner, shot):
    mentor = UserFactory(username="mira", password=PASSWORD)
    mentor_assign(mentor=mentor, learner=learner)
    failed_tokenize(learner, "def tokenize(text):\n    return text.split()\n", 0.25, checks=[])
    page.set_viewport_size(PHONE)
    login(page, live_server, "mira")
    page.goto(f"{live_server.url}/mentor/reviews/")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    review = page.get_by_role("link", name="Review", exact=True)
    # Visible without scrolling sideways: the queue's box does not scroll and the button lies inside the screen.
    assert page.evaluate("[...document.querySelectorAll('.table-scroll')].every(e => e.scrollWidth <= e.clientWidth)")
    box = review.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    review.scroll_into_view_if_needed()
    expect(review).to_be_in_viewport()
    expect(page.locator("td.score")).to_have_text("25%")
    shot(page, "review-queue-phone")
    review.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("attempt 1")


def test_sign_out_lines_up_with_the_user_name(page, live_server, learner):
    login(page, live_server, "lena")
    offset = page.evaluate("""() => {
      const mid = s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top + r.height / 2; };
      return Math.abs(mid('.whoami') - mid('.topbar-right .sign-out')); }""")
    assert offset < 3, offset
