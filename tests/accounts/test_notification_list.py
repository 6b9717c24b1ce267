"""Quieter notifications (issue 11): enrolling says it once, the page and the API come a page at a time with an
unread filter, and no notification repeats its heading in its body."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from accounts.models import Notification
from accounts.notifications import notification_show
from accounts.services.notifications import notification_create
from accounts.views import NOTIFICATIONS_PER_PAGE
from planner.services import enrolment_create
from tests.factories import MilestoneFactory, TrackFactory, TrackMilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


def _many(user, n: int, *, read: int = 0) -> None:
    milestone = MilestoneFactory()
    for i in range(n):
        row = notification_create(user=user, kind=Notification.Kind.MILESTONE_UNLOCKED, milestone=milestone)
        if i < read:
            Notification.objects.filter(pk=row.pk).update(read_at=timezone.now())


def _items(html: str) -> int:
    return len(re.findall(r'<li class="notification', html))


def test_enrolling_in_a_track_of_many_open_milestones_says_so_once():
    learner = UserFactory()
    track = TrackFactory()
    for _ in range(11):
        TrackMilestoneFactory(track=track)
    enrolment_create(user=learner, track=track)
    assert list(Notification.objects.filter(user=learner).values_list("kind", "params")) == [
        ("enrolled", {"available": 11})
    ]


def test_the_page_comes_a_page_at_a_time_and_filters_unread_across_pages():
    learner = UserFactory()
    _many(learner, NOTIFICATIONS_PER_PAGE + 5, read=3)
    client = Client()
    client.force_login(learner)
    first = client.get("/accounts/notifications/").content.decode()
    assert _items(first) == NOTIFICATIONS_PER_PAGE and 'rel="next"' in first
    assert _items(client.get("/accounts/notifications/?page=2").content.decode()) == 5
    unread = client.get("/accounts/notifications/?unread=1").content.decode()
    assert _items(unread) == NOTIFICATIONS_PER_PAGE and 'href="?unread=1&amp;page=2"' in unread
    assert _items(client.get("/accounts/notifications/?unread=1&page=2").content.decode()) == 2


def test_the_api_pages_and_filters_unread(client_for):
    learner = UserFactory()
    _many(learner, 60, read=10)
    client = client_for(learner)
    body = client.get("/api/v1/notifications/", {"unread": "true", "page_size": 20}).json()
    assert (body["count"], len(body["results"]), body["next"] is not None) == (50, 20, True)
    last = client.get("/api/v1/notifications/", {"unread": "true", "page_size": 20, "page": 3}).json()
    assert (len(last["results"]), last["next"]) == (10, None)
    assert all(row["read_at"] is None for row in body["results"])
    assert client.get("/api/v1/notifications/", {"unread": "maybe"}).status_code == 400


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_no_notification_repeats_its_heading_in_its_body(lang):
    learner = UserFactory()
    track = TrackFactory()
    TrackMilestoneFactory(track=track)
    enrolment_create(user=learner, track=track)
    _many(learner, 1)
    with translation.override(lang):
        for notification in Notification.objects.filter(user=learner):
            shown = notification_show(notification)
            assert shown.heading and shown.body
            assert shown.heading.lower() not in shown.body.lower(), (shown.heading, shown.body)
