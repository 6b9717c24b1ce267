"""In a real browser: the settings page's export button downloads the learner's JSON, and the progress page they
share is read by a visitor who is not signed in (another browser context, no cookies), without their code."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise, Submission
from planner.models import Track
from planner.services import enrolment_create
from tests.e2e.conftest import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SECRET = "# a-secret-approach\n"


def test_export_button_downloads_json_and_the_shared_page_is_public(page, browser, live_server, curriculum, shot):
    learner = UserFactory(username="sharer")
    track = Track.objects.get(slug="data-scientist-nlp")
    enrolment_create(user=learner, track=track, hours_per_week=6)
    exercise = Exercise.objects.filter(milestone__track_items__track=track, kind="code").first()
    Submission.objects.create(
        user=learner,
        exercise=exercise,
        attempt=1,
        payload={"source": SECRET + "def f():\n    return 1\n"},
        exercise_sha256=exercise.sha256,
        status="passed",
        score=0.95,
        finished_at=timezone.now(),
    )
    login(page, live_server, "sharer")
    page.goto(f"{live_server.url}/accounts/settings/")
    with page.expect_download() as caught:
        page.get_by_role("link", name="Export my data (JSON)").click()
    download = caught.value
    assert download.suggested_filename.startswith("pathwise-sharer-") and download.suggested_filename.endswith(".json")
    document = json.loads(download.path().read_text(encoding="utf-8"))
    assert document["profile"]["username"] == "sharer"
    assert document["submissions"][0]["payload"]["source"].startswith(SECRET)

    page.get_by_role("link", name="Share your progress").click()
    page.get_by_role("button", name="Share my progress").click()
    url = page.locator("#share-url").input_value()
    assert url.startswith(f"{live_server.url}/share/")

    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(url)
    expect(public.get_by_role("heading", level=1)).to_have_text("Progress of A Pathwise learner")
    expect(public.locator(".share-track h2")).to_have_text(track.title_en)
    expect(public.locator(".share-exercises")).to_contain_text(exercise.title_en)
    expect(public.locator(".roadmap-svg")).to_be_visible()
    expect(public.get_by_role("link", name="Sign in")).to_be_visible()  # seen logged out
    assert "a-secret-approach" not in public.content()
    assert public.locator('meta[property="og:title"]').get_attribute("content") == (
        "Progress of A Pathwise learner on Pathwise"
    )
    shot(public, "shared-progress")
    visitor.close()

    page.get_by_role("button", name="Stop sharing").click()
    gone = browser.new_context().new_page()
    assert gone.goto(url).status == 404
