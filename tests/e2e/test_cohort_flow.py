"""A mentor runs a cohort in a real browser: makes the cohort, makes a join link; a learner follows the link and
joins (enrolled, their plan aiming at the target date with the weekly hours it needs); the mentor sees them on the
heatmap and sorts it. Also the cohort page in Chinese."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, choose_language, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def mentor(curriculum):
    """A new mentor: staff gave them the `cohorts.mentor` permission; they mentor nobody yet."""
    user = UserFactory(username="mira", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="mentor", content_type__app_label="cohorts"))
    return user


def test_mentor_makes_a_cohort_a_learner_joins_by_link_and_shows_on_the_heatmap(page, live_server, mentor, shot):
    UserFactory(username="lena", password=PASSWORD)
    target = timezone.localdate() + dt.timedelta(days=7 * 26 - 1)

    login(page, live_server, "mira")
    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Name", exact=True).fill("Spring NLP")
    page.get_by_label("Track", exact=True).select_option(label="Data Scientist (NLP focus)")
    page.get_by_label("Target date (optional)").fill(target.isoformat())
    page.get_by_role("button", name="Make the cohort").click()
    expect(page.get_by_role("status")).to_contain_text("Cohort Spring NLP made. Invite its learners now.")
    page.get_by_label("Seats", exact=True).fill("10")
    page.get_by_role("button", name="Make a join link").click()
    join_url = page.locator("#new-join-url").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/join/[A-Za-z0-9_-]{{22}}/", join_url)
    shot(page, "cohort-join-link")
    page.get_by_role("button", name="Sign out").click()

    login(page, live_server, "lena")
    page.goto(join_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Spring NLP")
    page.get_by_role("button", name="Join the cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Spring NLP")
    expect(page.locator("#plan-aim")).to_have_text(
        f"Your plan now aims at the cohort's target date, {target.isoformat()}."
    )
    expect(page.locator("#plan-hours")).to_contain_text(re.compile(r"Finishing by then takes \d+(\.\d)? h a week"))
    shot(page, "cohort-joined")
    page.get_by_role("button", name="Sign out").click()

    login(page, live_server, "mira")
    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.get_by_role("link", name="Spring NLP").click()
    row = page.locator('table.heatmap tr[data-learner="lena"]')
    expect(row).to_be_visible()
    expect(row.locator("th")).to_have_text("lena")
    expect(row.locator("td.heat").first).to_have_text(re.compile(r"^\d+%$"))
    expect(page.locator("#stat-learners")).to_have_text("1")
    page.locator("table.heatmap thead").get_by_role("link", name="Done").click()
    expect(page.locator('table.heatmap th[aria-sort="ascending"]')).to_have_text("Done")
    shot(page, "cohort-heatmap")

    choose_language(page, "zh-hans")
    expect(page.get_by_role("heading", name="各阶段进度")).to_be_visible()
    expect(page.locator('table.heatmap tr[data-learner="lena"]')).to_be_visible()
    shot(page, "cohort-heatmap-zh")
