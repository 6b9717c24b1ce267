"""Profile and settings through GET/PATCH /api/v1/me/ and the settings page: display name, language (pages follow it
after sign-in), time zone (plan dates and the quota's "today" follow it), weekly hours (the plan is laid out again),
email preferences per kind."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.middleware import UserPreferencesMiddleware, activate_preferences
from accounts.models import Profile
from accounts.services.profiles import NOT_ENROLLED
from exercises.services.submissions import quota_day_start
from planner.models import Enrolment, Plan
from planner.services import enrolment_create, plan_generate
from tests.factories import MilestoneFactory, TrackFactory, TrackMilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return UserFactory(username="ada", email="ada@example.org")


@pytest.fixture
def enrolled(learner) -> Enrolment:
    track = TrackFactory(slug="nlp")
    for order in range(3):
        TrackMilestoneFactory(track=track, milestone=MilestoneFactory(hours=10), order=order)
    enrolment = enrolment_create(user=learner, track=track, hours_per_week=5, start_date=dt.date(2026, 1, 5))
    plan_generate(enrolment=enrolment, today=dt.date(2026, 1, 5))
    return enrolment


def test_me_shows_the_profile_with_defaults(learner, client_for):
    body = client_for(learner).get("/api/v1/me/").json()
    assert {k: body[k] for k in ("username", "display_name", "email", "email_verified", "pending_email")} == {
        "username": "ada",
        "display_name": "",
        "email": "ada@example.org",
        "email_verified": True,
        "pending_email": "",
    }
    assert (body["language"], body["time_zone"], body["weekly_hours"]) == ("", "", None)
    assert body["email_notifications"] == {
        "review_received": True,
        "submission_graded": False,
        "milestone_signed_off": True,
        "weekly_digest": True,
    }


def test_patch_me_changes_the_profile(learner, client_for):
    response = client_for(learner).patch(
        "/api/v1/me/",
        {
            "display_name": "Ada L.",
            "language": "zh-hans",
            "time_zone": "Asia/Shanghai",
            "email_notifications": {"weekly_digest": False, "submission_graded": True},
        },
        format="json",
    )
    assert response.status_code == 200
    profile = Profile.objects.get(user=learner)
    assert (profile.display_name, profile.language, profile.time_zone) == ("Ada L.", "zh-hans", "Asia/Shanghai")
    assert (profile.email_weekly_digest, profile.email_submission_graded, profile.email_review_received) == (
        False,
        True,
        True,
    )


def test_patch_me_refuses_an_unknown_time_zone_and_stores_nothing(learner, client_for):
    response = client_for(learner).patch(
        "/api/v1/me/", {"time_zone": "Mars/Olympus", "display_name": "X"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "time_zone": ["Unknown time zone: Mars/Olympus. Use an IANA name such as Asia/Shanghai or Europe/Berlin."]
    }
    assert not Profile.objects.filter(user=learner, display_name="X").exists()


def test_weekly_hours_need_an_enrolment(learner, client_for):
    response = client_for(learner).patch("/api/v1/me/", {"weekly_hours": "8"}, format="json")
    assert (response.status_code, response.json()) == (400, {"weekly_hours": [str(NOT_ENROLLED)]})


def test_weekly_hours_re_flow_the_plan(learner, enrolled, client_for):
    assert Plan.objects.get(enrolment=enrolled).hours_per_week == Decimal("5.0")
    response = client_for(learner).patch("/api/v1/me/", {"weekly_hours": "10"}, format="json")
    assert (response.status_code, response.json()["weekly_hours"]) == (200, "10.0")
    enrolled.refresh_from_db()
    plan = Plan.objects.get(enrolment=enrolled)
    assert (enrolled.hours_per_week, plan.hours_per_week) == (Decimal("10.0"), Decimal("10.0"))
    assert all(week["hours"] <= 10 for week in plan.weeks)


def test_pages_follow_the_profile_language_after_sign_in(learner):
    Profile.objects.create(user=learner, language="zh-hans")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"login": "ada", "password": "pw-correct-horse"}, follow=True)
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "设置" in page  # the top bar's settings link title


def test_api_answers_in_the_profile_language_for_a_token_user(learner):
    Profile.objects.create(user=learner, language="zh-hans")
    key = APIClient().post("/api/v1/auth/token/", {"username": "ada", "password": "pw-correct-horse"}).json()["token"]
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.patch("/api/v1/me/", {"time_zone": "Nowhere"}, format="json")
    assert response.json()["time_zone"] == [
        "未知时区：Nowhere。请使用 IANA 名称，例如 Asia/Shanghai 或 Europe/Berlin。"
    ]


def test_the_language_menu_saves_a_signed_in_persons_choice(learner):
    client = Client()
    client.force_login(learner)
    assert client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}).status_code == 302
    assert Profile.objects.get(user=learner).language == "zh-hans"


def test_the_quota_day_starts_at_the_learners_midnight(learner):
    """22:30 UTC is already tomorrow in Shanghai (UTC+8): the learner's day started at 16:00 UTC."""
    Profile.objects.create(user=learner, time_zone="Asia/Shanghai")
    now = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.UTC)
    activate_preferences(learner)
    try:
        assert quota_day_start(now) == dt.datetime(2026, 3, 1, 16, 0, tzinfo=dt.UTC)
        assert timezone.localdate(now) == dt.date(2026, 3, 2)
    finally:
        timezone.deactivate()
    assert quota_day_start(now) == dt.datetime(2026, 3, 1, 0, 0, tzinfo=dt.UTC)  # the site's zone (UTC)


def test_a_request_runs_in_the_learners_time_zone_and_the_next_starts_from_the_sites(learner):
    Profile.objects.create(user=learner, time_zone="America/New_York")
    request = RequestFactory().get("/")
    request.user = learner
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone()
        return HttpResponse("ok")

    UserPreferencesMiddleware(view)(request)
    assert seen["zone"] == zoneinfo.ZoneInfo("America/New_York")
    assert timezone.get_current_timezone() == zoneinfo.ZoneInfo("UTC")


def test_settings_page_saves_the_profile_and_shows_errors_in_place(learner, enrolled):
    client = Client()
    client.force_login(learner)
    page = client.get("/accounts/settings/")
    assert page.status_code == 200
    assert 'name="weekly_hours"' in page.content.decode()
    response = client.post(
        "/accounts/settings/",
        {
            "display_name": "Ada",
            "language": "",
            "time_zone": "Europe/Berlin",
            "weekly_hours": "7",
            "email_review_received": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=learner)
    assert (profile.display_name, profile.time_zone, profile.email_review_received, profile.email_weekly_digest) == (
        "Ada",
        "Europe/Berlin",
        True,
        False,
    )
    enrolled.refresh_from_db()
    assert enrolled.hours_per_week == Decimal("7.0")
    refused = client.post("/accounts/settings/", {"time_zone": "Mars/Olympus", "weekly_hours": "7"})
    assert refused.status_code == 400
    assert "Select a valid choice. Mars/Olympus is not one of the available choices." in refused.content.decode()


def test_display_name_is_shown_in_the_top_bar(learner):
    Profile.objects.create(user=learner, display_name="Ada Lovelace")
    client = Client()
    client.force_login(learner)
    assert ">Ada Lovelace</a>" in client.get("/accounts/settings/").content.decode()
