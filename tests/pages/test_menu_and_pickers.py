"""Smaller page fixes of issue 11: the mentor's menu offers only what a mentor can use, the track picker shows each
track's summary and size, and the language menu changes language only on an explicit choice."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import (
    EnrolmentFactory,
    MentorAssignmentFactory,
    MilestoneFactory,
    TrackFactory,
    TrackMilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _menu(user) -> list[str]:
    client = Client()
    client.force_login(user)
    html = client.get("/milestones/").content.decode()
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_a_mentor_who_is_not_enrolled_sees_no_learner_only_links():
    mentor = UserFactory()
    MentorAssignmentFactory(mentor=mentor)
    links = _menu(mentor)
    assert "/plan/" not in links and "/self-assessment/" not in links
    assert "/mentor/" in links and "/mentor/reviews/" in links


def test_a_learner_sees_the_plan_and_no_mentor_pages_and_a_mentor_who_learns_sees_both():
    learner = UserFactory()
    links = _menu(learner)
    assert "/plan/" in links and "/self-assessment/" in links and "/mentor/" not in links
    mentor = UserFactory()
    MentorAssignmentFactory(mentor=mentor)
    EnrolmentFactory(user=mentor)
    links = _menu(mentor)
    assert "/plan/" in links and "/mentor/" in links


def test_the_track_picker_shows_each_tracks_summary_and_size():
    track = TrackFactory(slug="nlp", summary_en="Text first: from tokens to transformers.", summary_zh="以文本为主。")
    for hours in (4, 6):
        TrackMilestoneFactory(track=track, milestone=MilestoneFactory(hours=hours))
    TrackMilestoneFactory(track=track, milestone=MilestoneFactory(hours=30), required=False)
    client = Client()
    client.force_login(UserFactory())
    html = client.get("/enrol/").content.decode()
    facts = re.search(r'<dt data-track="nlp">(.*?)</dd>', html, re.S).group(1)
    assert "2 required milestones, about 10 h" in facts and "Text first: from tokens to transformers." in facts
    assert 'aria-describedby="track-facts"' in html
    client.cookies["django_language"] = "zh-hans"
    facts = re.search(r'<dt data-track="nlp">(.*?)</dd>', client.get("/enrol/").content.decode(), re.S).group(1)
    assert "2 个必修里程碑，约 10 小时" in facts and "以文本为主。" in facts


def test_the_language_menu_submits_only_on_its_button():
    html = Client().get("/milestones/").content.decode()
    select = re.search(r'<select id="lang-select"[^>]*>', html).group(0)
    assert "onchange" not in select
    assert '<button type="submit" id="lang-submit"' in html
