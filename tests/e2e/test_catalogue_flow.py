"""In real Chromium, both languages: a visitor filters and searches the public catalogue (best match first), a
learner filters it by their progress, and the plan page keeps its ISO target date in Chinese (issue 11, bug 1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from planner.models import Enrolment, Track
from planner.services import enrolment_create
from tests.e2e.conftest import PASSWORD, choose_language, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _titles(page) -> list[str]:
    return page.locator("#results li strong").all_inner_texts()


def test_a_visitor_filters_and_searches_the_catalogue_in_both_languages(page, live_server, curriculum, shot):
    page.goto(f"{live_server.url}/milestones/")
    expect(page.get_by_label("Your progress")).to_have_count(0)  # a visitor has no progress to filter by
    page.get_by_label("Search", exact=True).fill("attention")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#result-count")).to_contain_text("best matches first")
    titles = _titles(page)
    assert "attention" in titles[0].lower() and len(titles) > 1
    page.get_by_label("Kind", exact=True).select_option("auto")
    page.get_by_label("Graded exercises").select_option("yes")
    page.get_by_role("button", name="Apply").click()
    assert re.search(r"[?&]completion=auto", page.url) and re.search(r"[?&]q=attention", page.url)
    assert all("Auto-graded exercise" in row for row in page.locator("#results li p.small").all_inner_texts())
    shot(page, "catalogue-milestones")

    choose_language(page, "zh-hans")
    page.goto(f"{live_server.url}/milestones/")
    page.get_by_label("搜索", exact=True).fill("注意力")
    page.get_by_role("button", name="应用").click()
    assert "注意力" in _titles(page)[0]
    expect(page.locator("#result-count")).to_contain_text("最相关的排在前面")
    shot(page, "catalogue-milestones-zh")

    page.goto(f"{live_server.url}/exercises/")
    page.get_by_label("类型", exact=True).select_option("quiz")
    page.get_by_role("button", name="应用").click()
    kinds = page.locator("#results li .badge.kind").all_inner_texts()
    assert kinds and set(kinds) == {"测验"}
    page.locator("#results li a").first.click()
    expect(page.locator("#sign-in-to-submit")).to_be_visible()


def test_a_learner_filters_exercises_by_progress_at_phone_width(page, live_server, curriculum, shot):
    user = UserFactory(username="lena", password=PASSWORD)
    enrolment_create(user=user, track=Track.objects.get(slug="data-scientist-nlp"), hours_per_week=10)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "lena")
    page.goto(f"{live_server.url}/exercises/")
    page.get_by_label("Your progress").select_option("not_tried")
    page.get_by_label("Search", exact=True).fill("softmax")
    page.get_by_role("button", name="Apply").click()
    assert "softmax" in _titles(page)[0].lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "catalogue-exercises-phone")


def test_the_plan_page_keeps_its_date_in_chinese(page, live_server, curriculum):
    user = UserFactory(username="lena", password=PASSWORD)
    track = Track.objects.get(slug="data-scientist-nlp")
    enrolment_create(user=user, track=track, hours_per_week=10, target_date=dt.date(2028, 6, 30))
    login(page, live_server, "lena")
    choose_language(page, "zh-hans")
    page.goto(f"{live_server.url}/plan/")
    date = page.locator('input[name="target_date"]')
    expect(date).to_have_value("2028-06-30")
    page.locator('input[name="hours_per_week"]').fill("12")
    page.locator('input[name="hours_per_week"]').press("Enter")
    page.wait_for_load_state()
    expect(page.locator('input[name="target_date"]')).to_have_value("2028-06-30")
    assert Enrolment.objects.get(user=user, track=track).target_date == dt.date(2028, 6, 30)
