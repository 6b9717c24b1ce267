"""A mentor requests changes on a learner's submission and the learner sees it; the pages in Chinese, kept
across pages by the language switcher; the dashboard at phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.services import mentor_assign
from planner.models import Track
from planner.services import enrolment_create, self_assessment_apply
from tests.e2e.conftest import PASSWORD, choose_language, failed_tokenize, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRONG = "def tokenize(text):\n    return text.lower().split()\n"


@pytest.fixture
def learner(curriculum):
    user = UserFactory(username="lena", password=PASSWORD)
    enrolment_create(user=user, track=Track.objects.get(slug="data-scientist-nlp"), hours_per_week=10)
    self_assessment_apply(user=user, known=["python-basics", "sequential-vs-parallel"])
    return user


def test_mentor_requests_changes_and_the_learner_sees_the_review(page, live_server, learner, shot):
    mentor = UserFactory(username="mira", password=PASSWORD)
    mentor_assign(mentor=mentor, learner=learner)
    submission = failed_tokenize(
        learner,
        WRONG,
        0.25,
        checks=[{"name": "punctuation is split off", "passed": False, "message": "'hello,' should be 2 tokens"}],
    )

    login(page, live_server, "mira")
    page.get_by_role("link", name="Mentor", exact=True).click()
    expect(page.get_by_role("heading", name="Your learners")).to_be_visible()
    expect(page.get_by_role("link", name="lena")).to_be_visible()
    expect(page.locator(".learner-card")).to_contain_text("Data Scientist (NLP focus) · 4.3%")
    shot(page, "mentor-home")
    page.get_by_role("link", name="1 submission waiting for review").click()
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    shot(page, "review-queue")
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/submissions/{submission.pk}/")
    page.get_by_label("Request changes").check()
    page.get_by_label("Comment on the whole submission").fill("Punctuation has to be split off.")
    page.locator("#comment-1-line").fill("2")
    page.locator("#comment-1-body").fill("split() keeps the comma on the word")
    page.get_by_label("Score (0 to 1)").fill("0.3")
    page.get_by_label("Reason").fill("Good structure")
    page.get_by_role("button", name="Post review").click()
    expect(page.get_by_role("status")).to_contain_text("Review posted.")
    expect(page.locator("#override-score")).to_contain_text("0.30")
    shot(page, "submission-reviewed")
    page.get_by_role("button", name="Sign out").click()

    login(page, live_server, "lena")
    expect(page.locator(".notif-link .count")).to_be_visible()
    page.locator(".notif-link").click()
    item = page.locator("li.notification", has_text="mira reviewed your submission")
    expect(item).to_contain_text("Request changes")
    shot(page, "notifications")
    item.get_by_role("button", name="Open").click()
    expect(page).to_have_url(f"{live_server.url}/submissions/{submission.pk}/")
    review = page.locator("article.review")
    expect(review).to_contain_text("Request changes")
    expect(review).to_contain_text("Punctuation has to be split off.")
    expect(page.locator("tr.line-comment")).to_contain_text("mira on line 2: split() keeps the comma on the word")
    expect(page.locator("#auto-score")).to_have_text("0.25")
    expect(page.get_by_role("heading", name="Review this submission")).to_have_count(0)
    shot(page, "submission-learner")


def test_pages_in_chinese_follow_the_language_switcher(page, live_server, learner, shot):
    login(page, live_server, "lena")
    choose_language(page, "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("你好，lena")
    expect(page.get_by_role("heading", name="路线图")).to_be_visible()
    expect(page.locator('.roadmap a.node[data-slug="tokenization"] title')).to_have_text(
        re.compile(r"^分词: 可开始 · 4\.0 h$")
    )
    shot(page, "dashboard-zh")
    page.get_by_role("link", name="计划", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("你的计划：数据科学家（NLP方向）")
    expect(page.get_by_role("button", name="重新生成计划")).to_be_visible()
    page.goto(f"{live_server.url}/milestones/tokenization/")
    expect(page.get_by_role("heading", level=1)).to_have_text("分词")
    expect(page.get_by_role("button", name="开始", exact=True)).to_be_visible()
    shot(page, "milestone-zh")
    page.goto(f"{live_server.url}/exercises/tokenize/")
    expect(page.get_by_role("button", name="提交", exact=True)).to_be_visible()
    shot(page, "exercise-zh")
    choose_language(page, "en")
    expect(page.get_by_role("button", name="Submit")).to_be_visible()


def test_dashboard_fits_a_phone_and_works_with_the_keyboard(page, live_server, learner, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "lena")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # only the roadmap scrolls sideways, inside its own box
    shot(page, "dashboard-phone")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    # Tab into the roadmap: its nodes are links a keyboard reaches and opens.
    node = page.locator('.roadmap a.node[data-slug="tokenization"]')
    node.focus()
    # Its arrows light up: here the one from its prerequisite.
    expect(page.locator('.roadmap path[data-from="python-basics"][data-to="tokenization"]')).to_have_class("hl")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/milestones/tokenization/")


def test_code_editor_indents_with_tab_and_lets_the_keyboard_leave(page, live_server, learner):
    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/exercises/tokenize/")
    source = page.locator("#source")  # the form's textarea, hidden behind CodeMirror and kept in step
    editor = page.locator(".cm-editor .cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("def f():")
    page.keyboard.press("Enter")  # Python's indentation after a colon
    page.keyboard.type("return 1")
    assert source.input_value() == "def f():\n    return 1"
    page.keyboard.press("Tab")
    assert source.input_value() == "def f():\n        return 1"
    page.keyboard.press("Shift+Tab")
    assert source.input_value() == "def f():\n    return 1"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")  # CodeMirror's escape hatch: focus moves on instead of indenting
    expect(page.locator("#file")).to_be_focused()
    assert source.input_value() == "def f():\n    return 1"
