"""Issue 11, bug 1: the Chinese plan page lost the target date. A date input carries an ISO value whatever the
locale (Chromium rejects 2027/06/30 and shows an empty field, and saving it then stored no date)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from planner.services import enrolment_create
from tests.factories import TrackFactory, TrackMilestoneFactory, UserFactory
from tests.world import page_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_plan_page_keeps_an_iso_target_date_in_either_language(lang):
    learner = UserFactory()
    track = TrackFactory()
    TrackMilestoneFactory(track=track)
    enrolment = enrolment_create(user=learner, track=track, hours_per_week=5, target_date=dt.date(2027, 6, 30))
    client = page_client(learner, lang)
    html = client.get("/plan/").content.decode()
    date_input = re.search(r'<input type="date" name="target_date"[^>]*>', html).group(0)
    assert 'value="2027-06-30"' in date_input
    # Saving the form as the browser sends it back keeps the date.
    client.post("/plan/", {"track": track.slug, "hours_per_week": "6", "target_date": "2027-06-30"})
    enrolment.refresh_from_db()
    assert (enrolment.target_date, enrolment.hours_per_week) == (dt.date(2027, 6, 30), 6)


def test_the_enrol_form_date_is_a_date_input_with_iso_values():
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    client.force_login(UserFactory())
    TrackFactory()
    html = client.get("/enrol/").content.decode()
    assert re.search(r'<input type="date" name="target_date"', html)
